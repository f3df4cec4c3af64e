import { randomUUID } from 'node:crypto';
import type { InsightEvent, InsightEventType } from '@insights/contracts';
import {
  type DurableConsumer,
  definedConsumerOptions,
  processEventOnce,
  startDurableConsumer,
} from '@insights/transport';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VIEWS_SCHEMA, type ViewsDatabase } from '../db/database.js';
import type { ViewerProfile } from '../model/user-profile.js';
import { freshProjectId } from '../testing/view-fixtures.js';
import { startTestEventStream, startViewsDatabase, testUser } from '../testing/views-system.js';
import { viewsConsumer, viewsEventHandler } from './insight-state.js';

const eventually = { timeout: 10_000, interval: 20 };

let database: Awaited<ReturnType<typeof startViewsDatabase>>;
let db: Kysely<ViewsDatabase>;
let stream: Awaited<ReturnType<typeof startTestEventStream>>;
let consumer: DurableConsumer | undefined;

beforeAll(async () => {
  database = await startViewsDatabase();
  db = database.db;
  stream = await startTestEventStream('views-consumer-test');
});

afterEach(async () => {
  await consumer?.stop();
  consumer = undefined;
});

afterAll(async () => {
  await stream?.stop();
  await database?.stop();
});

async function startConsumer() {
  consumer = await startDurableConsumer({
    nc: stream.connection.nc,
    prefix: stream.prefix,
    db,
    ...definedConsumerOptions(viewsConsumer, stream.prefix),
  });
}

function insightEvent(
  type: InsightEventType,
  options: {
    projectId: number;
    insightId: number;
    at: Date;
    deleted?: boolean;
    actor?: ViewerProfile | null;
    version?: number;
  },
): InsightEvent {
  return {
    id: randomUUID(),
    type,
    occurredAt: options.at.toISOString(),
    projectId: options.projectId,
    organizationId: null,
    insightId: options.insightId,
    version: options.version ?? 1,
    actor: options.actor === undefined ? testUser('Actor') : options.actor,
    client: null,
    before: null,
    after: {
      id: options.insightId,
      short_id: `s${options.insightId}`,
      name: 'An insight',
      derived_name: null,
      description: null,
      filters: {},
      query: null,
      order: null,
      deleted: options.deleted ?? false,
      favorited: false,
      saved: true,
      is_sample: false,
      tags: [],
      dashboards: [],
      last_modified_at: options.at.toISOString(),
    },
  };
}

const stateOf = (projectId: number, insightId: number) =>
  db
    .selectFrom('views.insight_state')
    .select(['deleted', 'last_modified_at'])
    .where('project_id', '=', projectId)
    .where('insight_id', '=', insightId)
    .executeTakeFirst();

const viewsOf = (projectId: number, insightId: number) =>
  db
    .selectFrom('views.insight_viewed')
    .select(['user_id', 'last_viewed_at'])
    .where('project_id', '=', projectId)
    .where('insight_id', '=', insightId)
    .execute();

describe('views consumer of insight events', () => {
  it('records the creator as a viewer at creation time and remembers their profile', async () => {
    await startConsumer();
    const project = freshProjectId();
    const creator = testUser('Creator');
    const at = new Date('2024-03-01T12:00:00.000Z');

    await stream.publish([insightEvent('insight.created', { projectId: project, insightId: 1, at, actor: creator })]);

    await vi.waitFor(
      async () => expect(await viewsOf(project, 1)).toEqual([{ user_id: creator.id, last_viewed_at: at }]),
      eventually,
    );
    expect(await stateOf(project, 1)).toEqual({ deleted: false, last_modified_at: at });
    expect(
      await db.selectFrom('views.user_profile').selectAll().where('id', '=', creator.id).executeTakeFirst(),
    ).toEqual(creator);
  });

  it('follows deletes and restores, and updates last_modified_at, without recording views for them', async () => {
    await startConsumer();
    const project = freshProjectId();
    const editor = testUser('Editor');
    const created = insightEvent('insight.created', {
      projectId: project,
      insightId: 1,
      at: new Date('2024-03-01T00:00:00Z'),
    });

    await stream.publish([
      created,
      insightEvent('insight.updated', {
        projectId: project,
        insightId: 1,
        at: new Date('2024-03-02T00:00:00Z'),
        actor: editor,
      }),
      insightEvent('insight.deleted', {
        projectId: project,
        insightId: 1,
        at: new Date('2024-03-03T00:00:00Z'),
        deleted: true,
      }),
    ]);
    await vi.waitFor(async () => expect((await stateOf(project, 1))?.deleted).toBe(true), eventually);
    expect((await stateOf(project, 1))?.last_modified_at.toISOString()).toBe('2024-03-03T00:00:00.000Z');

    await stream.publish([
      insightEvent('insight.restored', { projectId: project, insightId: 1, at: new Date('2024-03-04T00:00:00Z') }),
    ]);
    await vi.waitFor(async () => expect((await stateOf(project, 1))?.deleted).toBe(false), eventually);
    expect((await viewsOf(project, 1)).map((view) => view.user_id)).toEqual([created.actor!.id]);
    // The editor's profile is kept for when they view insights (trending's viewers).
    expect(
      await db.selectFrom('views.user_profile').select('first_name').where('id', '=', editor.id).executeTakeFirst(),
    ).toEqual({
      first_name: 'Editor',
    });
  });

  it('handles each event once: a redelivered creation changes nothing', async () => {
    const project = freshProjectId();
    const creator = testUser();
    const event = insightEvent('insight.created', {
      projectId: project,
      insightId: 1,
      at: new Date('2024-03-01T00:00:00Z'),
      actor: creator,
    });
    const later = insightEvent('insight.deleted', {
      projectId: project,
      insightId: 1,
      at: new Date('2024-03-02T00:00:00Z'),
      deleted: true,
    });

    expect(await processEventOnce(db, VIEWS_SCHEMA, event, viewsEventHandler)).toBe('processed');
    expect(await processEventOnce(db, VIEWS_SCHEMA, later, viewsEventHandler)).toBe('processed');
    expect(await processEventOnce(db, VIEWS_SCHEMA, { ...event }, viewsEventHandler)).toBe('duplicate');

    expect(await stateOf(project, 1)).toEqual({ deleted: true, last_modified_at: new Date('2024-03-02T00:00:00Z') });
    expect(await viewsOf(project, 1)).toHaveLength(1);
  });

  it('does not let an older event delivered late undo a newer one', async () => {
    const project = freshProjectId();
    const deleted = insightEvent('insight.deleted', {
      projectId: project,
      insightId: 1,
      at: new Date('2024-03-02T00:00:00Z'),
      deleted: true,
    });
    const olderUpdate = insightEvent('insight.updated', {
      projectId: project,
      insightId: 1,
      at: new Date('2024-03-01T00:00:00Z'),
    });

    await processEventOnce(db, VIEWS_SCHEMA, deleted, viewsEventHandler);
    await processEventOnce(db, VIEWS_SCHEMA, olderUpdate, viewsEventHandler);

    expect(await stateOf(project, 1)).toEqual({ deleted: true, last_modified_at: new Date('2024-03-02T00:00:00Z') });
  });

  it('keeps the insights of each project apart, even with the same id', async () => {
    await startConsumer();
    const [project, other] = [freshProjectId(), freshProjectId()];
    const at = new Date('2024-03-01T00:00:00Z');

    await stream.publish([
      insightEvent('insight.created', { projectId: project, insightId: 9, at }),
      insightEvent('insight.deleted', { projectId: other, insightId: 9, at, deleted: true }),
    ]);

    await vi.waitFor(async () => expect(await stateOf(other, 9)).toBeDefined(), eventually);
    expect((await stateOf(project, 9))?.deleted).toBe(false);
    expect(await viewsOf(other, 9)).toEqual([]);
  });

  it('takes only insight events from the stream and catches up on those published while it was stopped', async () => {
    const project = freshProjectId();
    const dashboardEvent = { id: randomUUID(), type: 'dashboard.created' };
    const created = insightEvent('insight.created', {
      projectId: project,
      insightId: 1,
      at: new Date('2024-03-01T00:00:00Z'),
    });
    await stream.publish([dashboardEvent, created]);
    await startConsumer();

    await vi.waitFor(async () => expect(await stateOf(project, 1)).toBeDefined(), eventually);
    const processed = await db
      .selectFrom('views.processed_event')
      .select('id')
      .where('id', 'in', [dashboardEvent.id, created.id])
      .execute();
    expect(processed).toEqual([{ id: created.id }]);
  });

  it('ignores events that are not about insights when they are handed to it directly (single-process mode)', async () => {
    const other = { id: randomUUID(), type: 'dashboard.created' } as unknown as InsightEvent;

    expect(await processEventOnce(db, VIEWS_SCHEMA, other, viewsEventHandler)).toBe('processed');
  });
});
