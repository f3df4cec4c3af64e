import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { startDurableConsumer } from './durable-consumer.js';
import type { EventEnvelope } from './event-envelope.js';
import { createJetStreamPublisher } from './jetstream-publisher.js';
import { type EventPublisher, type OutboxRelayOptions, startOutboxRelay } from './outbox-relay.js';
import { deferred } from './testing/deferred.js';
import { recordingHandler, testEvent } from './testing/event-fixture.js';
import { type EventFixture, useEventTestEnvironment } from './testing/event-test-environment.js';
import { writeOutboxEvent, writeOutboxEvents } from './write-outbox-event.js';

const eventually = { timeout: 10_000, interval: 10 };
const env = useEventTestEnvironment();

async function startRelay(fixture: EventFixture, overrides: Partial<OutboxRelayOptions> = {}) {
  const relay = await startOutboxRelay({
    db: env.db,
    databaseUrl: env.databaseUrl,
    schema: fixture.schema,
    publish: createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix }),
    ...overrides,
  });
  env.afterThisTest(() => relay.stop());
  return relay;
}

async function startRecordingConsumer(fixture: EventFixture) {
  const recorder = recordingHandler(env.db, fixture.schema);
  const consumer = await startDurableConsumer({
    nc: env.nc,
    prefix: fixture.prefix,
    durable: 'activity',
    db: env.db,
    schema: fixture.schema,
    handle: recorder.handle,
  });
  env.afterThisTest(() => consumer.stop());
  return { ...recorder, ids: async () => (await recorder.events()).map((event) => event.id) };
}

/** Counts how many times each event id was handed to JetStream. */
function countingPublisher(publish: EventPublisher) {
  const attempts = new Map<string, number>();
  const countedPublish: EventPublisher = async (events: EventEnvelope[]) => {
    for (const event of events) attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
    await publish(events);
  };
  return { attempts, publish: countedPublish };
}

function commit(schema: string, events: EventEnvelope[]) {
  return env.db.transaction().execute((trx) => writeOutboxEvents(trx, schema, events));
}

describe('outbox relay', () => {
  it('delivers a committed outbox event to a JetStream consumer exactly once, woken by NOTIFY within milliseconds', async () => {
    const fixture = await env.eventFixture();
    const consumer = await startRecordingConsumer(fixture);
    // With a one-minute poll, only the NOTIFY sent on commit can wake the relay in time.
    const relay = await startRelay(fixture, { fallbackPollMs: 60_000 });

    const events = ['first', 'second', 'third', 'fourth', 'fifth'].map((label) => testEvent(label));
    const latenciesMs: number[] = [];
    for (const event of events) {
      await env.db.transaction().execute((trx) => writeOutboxEvent(trx, fixture.schema, event));
      const committedAt = performance.now();
      await vi.waitFor(async () => expect(await consumer.ids()).toContain(event.id), { timeout: 5_000, interval: 2 });
      latenciesMs.push(performance.now() - committedAt);
    }

    expect(Math.max(...latenciesMs)).toBeLessThan(500);
    // The consumer may see an event before the relay's transaction marking it has committed.
    await relay.flush();
    expect(await consumer.labels()).toEqual(['first', 'second', 'third', 'fourth', 'fifth']);
    expect(await fixture.storedEventIds()).toEqual(events.map((event) => event.id));
    expect(await fixture.unpublishedIds()).toEqual([]);
  });

  it('never publishes an event written in a transaction that rolls back', async () => {
    const fixture = await env.eventFixture();
    const consumer = await startRecordingConsumer(fixture);
    const relay = await startRelay(fixture);
    const rolledBack = testEvent('rolled back');
    const committed = testEvent('committed');

    await expect(
      env.db.transaction().execute(async (trx) => {
        await writeOutboxEvent(trx, fixture.schema, rolledBack);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await commit(fixture.schema, [committed]);
    await relay.flush();

    await vi.waitFor(async () => expect(await consumer.labels()).toEqual(['committed']), eventually);
    expect(await fixture.storedEventIds()).toEqual([committed.id]);
  });

  it('publishes, exactly once, every event committed while no relay was running', async () => {
    const fixture = await env.eventFixture();
    const events = Array.from({ length: 10 }, (_, index) => testEvent(`event ${index}`));
    for (const event of events) await commit(fixture.schema, [event]);
    expect(await fixture.unpublishedIds()).toEqual(events.map((event) => event.id));
    expect(await fixture.storedEventIds()).toEqual([]);

    const consumer = await startRecordingConsumer(fixture);
    const relay = await startRelay(fixture, { batchSize: 3 });

    await vi.waitFor(async () => expect(await consumer.ids()).toEqual(events.map((event) => event.id)), eventually);
    await relay.flush();
    expect(await fixture.storedEventIds()).toEqual(events.map((event) => event.id));
    expect(await fixture.unpublishedIds()).toEqual([]);
  });

  it('loses nothing and duplicates nothing when the relay dies after publishing but before marking the rows', async () => {
    const fixture = await env.eventFixture();
    const events = ['a', 'b', 'c'].map((label) => testEvent(label));
    await commit(fixture.schema, events);
    const jetStream = createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix });
    let crashed = false;
    const crashingOnce = countingPublisher(async (batch) => {
      await jetStream(batch);
      if (!crashed) {
        crashed = true;
        throw new Error('relay died before marking the rows');
      }
    });

    const consumer = await startRecordingConsumer(fixture);
    await startRelay(fixture, { publish: crashingOnce.publish });

    await vi.waitFor(async () => expect(await fixture.unpublishedIds()).toEqual([]), eventually);
    expect([...crashingOnce.attempts.values()]).toEqual([2, 2, 2]);
    expect(await fixture.storedEventIds()).toEqual(events.map((event) => event.id));
    await vi.waitFor(async () => expect(await consumer.labels()).toEqual(['a', 'b', 'c']), eventually);
  });

  it('keeps the rows when publishing fails and publishes them on a later attempt', async () => {
    const fixture = await env.eventFixture();
    const jetStream = createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix });
    const thirdAttempt = deferred();
    const releaseThirdAttempt = deferred();
    let attempts = 0;
    const failingTwice: EventPublisher = async (batch) => {
      attempts++;
      if (attempts <= 2) throw new Error('NATS is unreachable');
      if (attempts === 3) {
        thirdAttempt.resolve();
        await releaseThirdAttempt.promise;
      }
      await jetStream(batch);
    };
    const event = testEvent('retried');
    await commit(fixture.schema, [event]);

    const relay = await startRelay(fixture, { publish: failingTwice });
    await thirdAttempt.promise;
    expect(await fixture.unpublishedIds()).toEqual([event.id]);
    expect(await fixture.storedEventIds()).toEqual([]);
    releaseThirdAttempt.resolve();

    await vi.waitFor(async () => expect(await fixture.unpublishedIds()).toEqual([]), eventually);
    await relay.flush();
    expect(await fixture.storedEventIds()).toEqual([event.id]);
  });

  it('reconnects its LISTEN connection when it drops and is still woken by NOTIFY', async () => {
    const fixture = await env.eventFixture();
    const published: EventEnvelope[] = [];
    const relay = await startRelay(fixture, {
      fallbackPollMs: 60_000,
      publish: async (events) => {
        published.push(...events);
      },
    });
    const listenerPid = async () => {
      const { rows } = await sql<{ pid: number }>`
        SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = ${`${fixture.schema}_outbox-listener`}
          AND query LIKE 'LISTEN%' AND state = 'idle'`.execute(env.db);
      return rows[0]?.pid;
    };
    const droppedPid = await listenerPid();
    expect(droppedPid).toBeDefined();

    await sql`SELECT pg_terminate_backend(${droppedPid})`.execute(env.db);
    await vi.waitFor(async () => expect([undefined, droppedPid]).not.toContain(await listenerPid()), eventually);
    // Let the catch-up pass the relay runs on reconnecting finish, so only the NOTIFY can publish the next event.
    await relay.flush();
    const event = testEvent('after reconnect');
    await commit(fixture.schema, [event]);
    const committedAt = performance.now();

    await vi.waitFor(() => expect(published.map((candidate) => candidate.id)).toEqual([event.id]), eventually);
    expect(performance.now() - committedAt).toBeLessThan(500);
    await relay.flush();
    expect(await fixture.unpublishedIds()).toEqual([]);
  });

  it('with two relays on one outbox, publishes every event exactly once and still publishes a transaction that commits late', async () => {
    const fixture = await env.eventFixture();
    const consumer = await startRecordingConsumer(fixture);
    const counting = countingPublisher(createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix }));
    const relays = [
      await startRelay(fixture, { publish: counting.publish, batchSize: 5 }),
      await startRelay(fixture, { publish: counting.publish, batchSize: 5 }),
    ];

    // Transaction A takes the lowest seq and stays open while later events commit and get published.
    const late = testEvent('late');
    const lateWritten = deferred();
    const releaseLate = deferred();
    const lateTransaction = env.db.transaction().execute(async (trx) => {
      await writeOutboxEvent(trx, fixture.schema, late);
      lateWritten.resolve();
      await releaseLate.promise;
    });
    await lateWritten.promise;

    const others = Array.from({ length: 100 }, (_, index) => testEvent(`event ${index}`));
    await Promise.all(
      Array.from({ length: 10 }, (_, chunk) => commit(fixture.schema, others.slice(chunk * 10, chunk * 10 + 10))),
    );
    await vi.waitFor(async () => expect(await consumer.ids()).toHaveLength(others.length), eventually);
    expect(await consumer.ids()).not.toContain(late.id);

    releaseLate.resolve();
    await lateTransaction;
    await vi.waitFor(async () => expect(await consumer.ids()).toContain(late.id), eventually);
    for (const relay of relays) await relay.flush();

    const everyId = [late, ...others].map((event) => event.id).sort();
    expect([...counting.attempts.keys()].sort()).toEqual(everyId);
    expect([...counting.attempts.values()].every((count) => count === 1)).toBe(true);
    expect((await fixture.storedEventIds()).sort()).toEqual(everyId);
    expect([...(await consumer.ids())].sort()).toEqual(everyId);
    expect(await fixture.unpublishedIds()).toEqual([]);
  });
});
