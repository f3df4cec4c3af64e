import { randomBytes, randomUUID } from 'node:crypto';
import type { ActivityLogEntry, EventActor, InsightEvent, InsightSnapshot } from '@insights/contracts';
import { createDb, migrateToLatest } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { signPrincipal } from '@insights/scope-auth';
import {
  connectNats,
  contextFactory,
  createEventProcessor,
  createInProcessEventBus,
  createJetStreamPublisher,
  type DurableConsumer,
  definedConsumerOptions,
  type EventEnvelope,
  type EventPublisher,
  ensureEventStream,
  eventStreamName,
  eventSubject,
  startDurableConsumer,
  type TrackedNatsConnection,
} from '@insights/transport';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { activityBatchHandler, activityConsumer, activityEventHandler } from './consumers/insight-activity.js';
import { ACTIVITY_SCHEMA } from './db/database.js';
import { activityMigrations } from './db/migrations/index.js';
import { activityRouter } from './router.js';
import { createActivityService } from './service.js';
import { createCallerFactory } from './trpc.js';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PRINCIPAL_SECRET = randomBytes(24).toString('hex');
const eventually = { timeout: 10_000, interval: 20 };
const log = pino({ level: 'silent' });
const encoder = new TextEncoder();
const decoder = new TextDecoder();

let database: TestDatabase;
let db: Kysely<any>;
let connection: TrackedNatsConnection;
const prefixes: string[] = [];
const consumers: DurableConsumer[] = [];

/** A NATS prefix of this file's own, with its events stream. */
async function eventPrefix(): Promise<string> {
  const prefix = `test_activity_${randomBytes(4).toString('hex')}`;
  await ensureEventStream(connection.nc, prefix);
  prefixes.push(prefix);
  return prefix;
}

async function startConsumer(prefix: string): Promise<DurableConsumer> {
  const consumer = await startDurableConsumer({
    nc: connection.nc,
    prefix,
    db,
    log,
    ...definedConsumerOptions(activityConsumer, prefix),
  });
  consumers.push(consumer);
  return consumer;
}

/** A JetStream API call over plain NATS request/reply. */
async function jetStreamApi<T>(subject: string, body: unknown = {}): Promise<T> {
  const reply = await connection.nc.request(subject, encoder.encode(JSON.stringify(body)), { timeout: 5_000 });
  return JSON.parse(decoder.decode(reply.data)) as T;
}

async function storedMessages(ofPrefix: string): Promise<number> {
  const info = await jetStreamApi<{ state: { messages: number } }>(`$JS.API.STREAM.INFO.${eventStreamName(ofPrefix)}`);
  return info.state.messages;
}

let prefix: string;
let publish: EventPublisher;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb<any>({ connectionString: database.url, applicationName: 'activity-test' });
  await migrateToLatest(db, ACTIVITY_SCHEMA, activityMigrations);
  connection = await connectNats({ url: NATS_URL, name: 'activity-test' });
  prefix = await eventPrefix();
  publish = createJetStreamPublisher({ nc: connection.nc, prefix });
  await startConsumer(prefix);
});

afterAll(async () => {
  for (const consumer of consumers) await consumer.stop();
  for (const used of prefixes) {
    await jetStreamApi(`$JS.API.STREAM.DELETE.${eventStreamName(used)}`).catch(() => undefined);
  }
  await connection?.nc.close();
  await db?.destroy();
  await database?.drop();
});

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: hand-built insight events, as the insights service writes them to its outbox.

let lastProjectId = 100;
let lastInsightId = 5_000;
const newProjectId = () => ++lastProjectId;
const newInsightId = () => ++lastInsightId;

const ACTOR: EventActor = {
  id: 1,
  uuid: randomUUID(),
  distinct_id: 'distinct-1',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  is_email_verified: true,
};

let clock = Date.parse('2024-06-01T12:00:00.000Z');
function nextInstant(): string {
  clock += 1_000;
  return new Date(clock).toISOString();
}

function snapshot(id: number, overrides: Partial<InsightSnapshot> = {}): InsightSnapshot {
  return {
    id,
    short_id: `s${id}`,
    name: `insight ${id}`,
    derived_name: null,
    description: null,
    filters: {},
    query: null,
    order: null,
    deleted: false,
    favorited: false,
    saved: true,
    is_sample: false,
    tags: [],
    dashboards: [],
    last_modified_at: nextInstant(),
    ...overrides,
  };
}

function insightEvent(
  type: InsightEvent['type'],
  projectId: number,
  before: InsightSnapshot | null,
  after: InsightSnapshot,
  version: number,
  extra: Partial<Pick<InsightEvent, 'actor' | 'client'>> = {},
): InsightEvent {
  return {
    id: randomUUID(),
    type,
    occurredAt: nextInstant(),
    projectId,
    organizationId: 'org-1',
    insightId: after.id,
    version,
    actor: ACTOR,
    client: null,
    before,
    after,
    ...extra,
  };
}

/** The events of one insight's life, each built from the previous snapshot. */
function insightHistory(projectId: number, insightId = newInsightId()) {
  let current: InsightSnapshot | null = null;
  const events: InsightEvent[] = [];
  const step = (type: InsightEvent['type'], change: Partial<InsightSnapshot>, extra = {}) => {
    const next: InsightSnapshot = { ...(current ?? snapshot(insightId)), ...change, last_modified_at: nextInstant() };
    const event = insightEvent(type, projectId, current, next, events.length + 1, extra);
    current = next;
    events.push(event);
    return event;
  };
  return {
    insightId,
    events,
    create: (change: Partial<InsightSnapshot> = {}, extra = {}) => step('insight.created', change, extra),
    update: (change: Partial<InsightSnapshot>, extra = {}) => step('insight.updated', change, extra),
    remove: () => step('insight.deleted', { deleted: true }),
    restore: () => step('insight.restored', { deleted: false }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading, through the `list` procedure as the gateway calls it.

function callerFor(projectId: number, scopes = ['activity_log:read']) {
  const principalToken = signPrincipal(
    {
      user: { ...ACTOR },
      projectId,
      organizationId: 'org-1',
      projectLevel: 'viewer',
      scopes,
      client: null,
    },
    PRINCIPAL_SECRET,
  );
  const service = createActivityService(db);
  const context = contextFactory({ deps: service.deps, principalSecret: PRINCIPAL_SECRET, log })({ principalToken });
  return createCallerFactory(activityRouter)(context);
}

const PAGE_URL = 'https://insights.example/api/projects/1/insights/activity/?limit=100';

function list(
  projectId: number,
  options: { itemId?: string; limit?: number; page?: number } = {},
): Promise<{ results: ActivityLogEntry[]; next: string | null; previous: string | null; total_count: number }> {
  return callerFor(projectId)
    .list({
      scope: 'Insight',
      itemId: options.itemId,
      limit: options.limit ?? 100,
      page: options.page ?? 1,
      pageUrl: PAGE_URL,
    })
    .then((page) => page.parse());
}

async function waitForTotal(projectId: number, total: number, itemId?: string) {
  await vi.waitFor(async () => expect((await list(projectId, { itemId })).total_count).toBe(total), eventually);
}

/**
 * Publishes the events, then a marker event of another insight, and waits for the marker's entry. The consumer
 * handles events in stream order, so once the marker is listed every event before it has been handled.
 */
async function publishAndSettle(projectId: number, events: EventEnvelope[], viaJetStream = publish): Promise<void> {
  const marker = insightHistory(projectId);
  await viaJetStream([...events, marker.create({ name: 'marker' })]);
  await vi.waitFor(async () => {
    const { results } = await list(projectId, { itemId: String(marker.insightId) });
    expect(results).toHaveLength(1);
  }, eventually);
}

const activities = (entries: ActivityLogEntry[]) => entries.map((entry) => entry.activity);
const names = (entries: ActivityLogEntry[]) => entries.map((entry) => entry.detail.name);

// ---------------------------------------------------------------------------------------------------------------

describe('activity log', () => {
  it('lists an insight’s created, updated, deleted and restored entries newest first, as PostHog shows them', async () => {
    const project = newProjectId();
    const insight = insightHistory(project);
    const created = insight.create({ name: 'v1', tags: ['b', 'a'] }, { client: 'posthog-js' });
    const renamed = insight.update({ name: 'v2' });
    insight.remove();
    insight.restore();
    await publish(insight.events);

    await waitForTotal(project, 4);
    const { results, total_count } = await list(project);
    expect(total_count).toBe(4);
    expect(activities(results)).toEqual(['restored', 'deleted', 'updated', 'created']);
    expect(results[3]).toEqual({
      id: created.id,
      user: { first_name: 'Ada', email: 'ada@example.com' },
      activity: 'created',
      scope: 'Insight',
      item_id: String(insight.insightId),
      detail: { name: 'v1', short_id: `s${insight.insightId}`, type: null, changes: null, trigger: null },
      created_at: created.occurredAt,
      client: 'posthog-js',
    });
    expect(results[2]?.detail.changes).toEqual([
      { type: 'Insight', action: 'changed', field: 'name', before: 'v1', after: 'v2' },
    ]);
    expect(results[2]?.created_at).toBe(renamed.occurredAt);
    expect(results[1]?.detail.changes).toEqual([
      { type: 'Insight', action: 'changed', field: 'deleted', before: false, after: true },
    ]);
    expect(results[0]?.detail.changes).toEqual([
      { type: 'Insight', action: 'changed', field: 'deleted', before: true, after: false },
    ]);
  });

  it('reports tag changes before the name, as sorted lists', async () => {
    const project = newProjectId();
    const insight = insightHistory(project);
    insight.create({ name: 'v1', tags: ['b'] });
    insight.update({ name: 'v2', tags: ['a', 'b', 'c'] });
    await publish(insight.events);

    await waitForTotal(project, 2);
    const [updated] = (await list(project)).results;
    expect(updated?.detail.changes).toEqual([
      { type: 'Insight', action: 'changed', field: 'tags', before: ['b'], after: ['a', 'b', 'c'] },
      { type: 'Insight', action: 'changed', field: 'name', before: 'v1', after: 'v2' },
    ]);
  });

  it('pages newest first: page 1, page 2, the last partial page and an empty page past the end', async () => {
    const project = newProjectId();
    const events = Array.from({ length: 25 }, (_, index) =>
      insightHistory(project).create({ name: `n${String(index + 1).padStart(2, '0')}` }),
    );
    await publish(events);
    await waitForTotal(project, 25);

    const expectedNames = (from: number, to: number) =>
      Array.from({ length: from - to + 1 }, (_, index) => `n${String(from - index).padStart(2, '0')}`);
    const page1 = await list(project, { limit: 10, page: 1 });
    const page2 = await list(project, { limit: 10, page: 2 });
    const page3 = await list(project, { limit: 10, page: 3 });
    const page4 = await list(project, { limit: 10, page: 4 });
    expect(names(page1.results)).toEqual(expectedNames(25, 16));
    expect(names(page2.results)).toEqual(expectedNames(15, 6));
    expect(names(page3.results)).toEqual(expectedNames(5, 1));
    expect(page4.results).toEqual([]);
    expect([page1, page2, page3, page4].map((page) => page.total_count)).toEqual([25, 25, 25, 25]);
    // The links are the page's own URL with other page numbers, present only where that page exists.
    const base = 'https://insights.example/api/projects/1/insights/activity/';
    expect([page1.previous, page1.next]).toEqual([null, `${base}?limit=10&page=2`]);
    expect([page3.previous, page3.next]).toEqual([`${base}?limit=10&page=2`, null]);
    expect((await list(project, { limit: 1000, page: 1_000_000 })).results).toEqual([]);
  });

  it('lists one insight’s entries, newest first, with that insight’s own total and pages', async () => {
    const project = newProjectId();
    const first = insightHistory(project);
    const second = insightHistory(project);
    first.create({ name: 'first v1' });
    second.create({ name: 'second v1' });
    first.update({ name: 'first v2' });
    second.update({ name: 'second v2' });
    first.update({ name: 'first v3' });
    await publish([first.events[0]!, second.events[0]!, first.events[1]!, second.events[1]!, first.events[2]!]);
    await waitForTotal(project, 5);

    const itemId = String(first.insightId);
    const all = await list(project, { itemId });
    expect(all.total_count).toBe(3);
    expect(names(all.results)).toEqual(['first v3', 'first v2', 'first v1']);
    expect(all.results.every((entry) => entry.item_id === itemId)).toBe(true);

    const page2 = await list(project, { itemId, limit: 2, page: 2 });
    expect(names(page2.results)).toEqual(['first v1']);
    expect(page2.total_count).toBe(3);
    expect((await list(project, { itemId, limit: 2, page: 3 })).results).toEqual([]);
    expect(await list(project, { itemId: '999999' })).toEqual({
      results: [],
      next: null,
      previous: null,
      total_count: 0,
    });
  });

  it('numbers the entries of one batch in its order, per project and per insight', async () => {
    const [a, b] = [newProjectId(), newProjectId()];
    const [a1, a2, b1] = [insightHistory(a), insightHistory(a), insightHistory(b)];
    a1.create({ name: 'a1 v1' });
    b1.create({ name: 'b1 v1' });
    a2.create({ name: 'a2 v1' });
    a1.update({ name: 'a1 v2' });
    b1.update({ name: 'b1 v2' });
    const batch = [a1.events[0]!, b1.events[0]!, a2.events[0]!, a1.events[1]!, b1.events[1]!];
    await db.transaction().execute((trx) => activityBatchHandler(batch, trx));
    expect(names((await list(a)).results)).toEqual(['a1 v2', 'a2 v1', 'a1 v1']);
    expect(names((await list(b)).results)).toEqual(['b1 v2', 'b1 v1']);
    expect(names((await list(a, { itemId: String(a1.insightId) })).results)).toEqual(['a1 v2', 'a1 v1']);
    expect((await list(a, { limit: 1, page: 3 })).results.map((entry) => entry.detail.name)).toEqual(['a1 v1']);
  });

  it('writes one entry for an event delivered twice', async () => {
    const project = newProjectId();
    const insight = insightHistory(project);
    const created = insight.create({ name: 'once' });
    // Published twice under different message ids, so JetStream stores (and delivers) it twice.
    const republish: EventPublisher = async (events) => {
      for (const event of events) {
        await connection.nc.request(eventSubject(prefix, event.type), encoder.encode(JSON.stringify(event)));
        if (event.id === created.id) {
          await connection.nc.request(eventSubject(prefix, event.type), encoder.encode(JSON.stringify(event)));
        }
      }
    };
    const storedBefore = await storedMessages(prefix);
    await publishAndSettle(project, [created], republish);
    expect(await storedMessages(prefix)).toBe(storedBefore + 3);

    const { results } = await list(project, { itemId: String(insight.insightId) });
    expect(results.map((entry) => entry.id)).toEqual([created.id]);
    expect((await list(project)).total_count).toBe(2);
  });

  it('writes no entry for an update that changes only fields the log does not report', async () => {
    const project = newProjectId();
    const insight = insightHistory(project);
    insight.create({ name: 'steady' });
    insight.update({ order: 4, saved: false, is_sample: true, short_id: 'other' });
    insight.update({ description: '' });
    await publishAndSettle(project, insight.events);

    expect(activities((await list(project, { itemId: String(insight.insightId) })).results)).toEqual(['created']);
  });

  it('logs nothing for an insight without a name or a derived name, and names entries by the derived name', async () => {
    const project = newProjectId();
    const unnamed = insightHistory(project);
    unnamed.create({ name: null, derived_name: null });
    unnamed.update({ name: '', description: 'still unnamed' });
    unnamed.remove();
    const derived = insightHistory(project);
    derived.create({ name: null, derived_name: 'Pageview count' });
    await publishAndSettle(project, [...unnamed.events, ...derived.events]);

    expect((await list(project, { itemId: String(unnamed.insightId) })).total_count).toBe(0);
    expect(names((await list(project, { itemId: String(derived.insightId) })).results)).toEqual(['Pageview count']);
  });

  it('ignores other insight events on the stream', async () => {
    const project = newProjectId();
    const viewed = { id: randomUUID(), type: 'insight.viewed', projectId: project, insightId: newInsightId() };
    await publishAndSettle(project, [viewed]);

    expect((await list(project)).total_count).toBe(1);
  });

  it('renders any text exactly: quotes, backslashes, control characters, line separators, astral characters', async () => {
    const project = newProjectId();
    const insight = insightHistory(project);
    const tricky = 'a "quoted" \\ back\tslash\n line\u2028sep \u0001 é 😀 </script>';
    const actor = { ...ACTOR, first_name: tricky, email: null };
    insight.create({ name: tricky }, { actor, client: tricky });
    await publish(insight.events);

    await waitForTotal(project, 1);
    const [entry] = (await list(project)).results;
    expect(entry?.user).toEqual({ first_name: tricky, email: null });
    expect(entry?.detail.name).toBe(tricky);
    expect(entry?.client).toBe(tricky);
    expect(entry?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('shows the system user when a change has no actor', async () => {
    const project = newProjectId();
    const insight = insightHistory(project);
    insight.create({ name: 'by the system' }, { actor: null });
    await publish(insight.events);

    await waitForTotal(project, 1);
    const [entry] = (await list(project)).results;
    expect(entry?.user).toEqual({ first_name: 'System', email: null, is_system: true });
  });

  it('never shows entries of project B to project A', async () => {
    const projectA = newProjectId();
    const projectB = newProjectId();
    const ofA = insightHistory(projectA);
    const ofB = insightHistory(projectB);
    ofA.create({ name: 'A insight' });
    ofB.create({ name: 'B insight' });
    ofB.update({ name: 'B insight renamed' });
    await publish([ofA.events[0]!, ofB.events[0]!, ofB.events[1]!]);
    await waitForTotal(projectB, 2);
    await waitForTotal(projectA, 1);

    expect(names((await list(projectA)).results)).toEqual(['A insight']);
    expect(await list(projectA, { itemId: String(ofB.insightId) })).toEqual({
      results: [],
      next: null,
      previous: null,
      total_count: 0,
    });
    expect(names((await list(projectB)).results)).toEqual(['B insight renamed', 'B insight']);
  });

  it('refuses a principal without the activity_log:read scope', async () => {
    const caller = callerFor(newProjectId(), ['insight:read']);
    await expect(caller.list({ scope: 'Insight', limit: 10, page: 1, pageUrl: PAGE_URL })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('single-process mode: the in-process bus feeds the same handler, once per event', async () => {
    const bus = createInProcessEventBus();
    bus.subscribe(
      'activity',
      createEventProcessor({ db, schema: ACTIVITY_SCHEMA, consumer: 'activity', handle: activityEventHandler, log }),
    );
    const project = newProjectId();
    const insight = insightHistory(project);
    insight.create({ name: 'v1' });
    insight.update({ name: 'v2' });
    await bus.publish(insight.events);
    // The relay retries a whole batch after a failure: the handlers see the events again.
    await bus.publish(insight.events);

    expect(names((await list(project)).results)).toEqual(['v2', 'v1']);
  });

  it('catches up after being stopped, writing every entry exactly once and in order', async () => {
    const ownPrefix = await eventPrefix();
    const publishOwn = createJetStreamPublisher({ nc: connection.nc, prefix: ownPrefix });
    const project = newProjectId();
    const insight = insightHistory(project);
    insight.create({ name: 'v0' });
    for (let version = 1; version <= 2; version++) insight.update({ name: `v${version}` });

    const first = await startConsumer(ownPrefix);
    await publishOwn(insight.events);
    await waitForTotal(project, 3);
    await first.stop();

    const meanwhile = Array.from({ length: 20 }, (_, index) => insight.update({ name: `v${index + 3}` }));
    await publishOwn(meanwhile);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await list(project)).total_count).toBe(3);

    await startConsumer(ownPrefix);
    await waitForTotal(project, 23);
    const { results } = await list(project);
    expect(names(results)).toEqual(Array.from({ length: 23 }, (_, index) => `v${22 - index}`));
    expect(results.map((entry) => entry.id)).toEqual(insight.events.map((event) => event.id).reverse());
    await vi.waitFor(async () => {
      const info = await jetStreamApi<{ num_pending: number; num_ack_pending: number }>(
        `$JS.API.CONSUMER.INFO.${eventStreamName(ownPrefix)}.activity`,
      );
      expect({ pending: info.num_pending, unacked: info.num_ack_pending }).toEqual({ pending: 0, unacked: 0 });
    }, eventually);
    expect((await list(project)).total_count).toBe(23);
  });
});
