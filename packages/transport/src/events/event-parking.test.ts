import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { startDurableConsumer } from './durable-consumer.js';
import { eventPayloadBucket } from './event-payload-store.js';
import { createJetStreamPublisher } from './jetstream-publisher.js';
import { startOutboxRelay } from './outbox-relay.js';
import type { EventHandler } from './process-event-once.js';
import { requestConsumerReplay, requestOutboxReplay } from './replay-requests.js';
import { recordingHandler, type TestEvent, testEvent } from './testing/event-fixture.js';
import { type EventFixture, useEventTestEnvironment } from './testing/event-test-environment.js';
import { writeOutboxEvents } from './write-outbox-event.js';

const eventually = { timeout: 15_000, interval: 20 };
const env = useEventTestEnvironment();

async function consume(fixture: EventFixture, handle: EventHandler<TestEvent>) {
  const consumer = await startDurableConsumer<TestEvent>({
    nc: env.nc,
    prefix: fixture.prefix,
    durable: 'activity',
    db: env.db,
    databaseUrl: env.databaseUrl,
    schema: fixture.schema,
    handle,
    maxAttempts: 3,
    retryBaseMs: 50,
  });
  env.afterThisTest(() => consumer.stop());
}

async function relay(fixture: EventFixture, publisherOptions: { maxMessageBytes?: number } = {}) {
  const running = await startOutboxRelay({
    db: env.db,
    databaseUrl: env.databaseUrl,
    schema: fixture.schema,
    publish: createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix, ...publisherOptions }),
    maxAttempts: 3,
  });
  env.afterThisTest(() => running.stop());
  env.afterThisTest(async () => {
    const { Objm } = await import('@nats-io/obj');
    await new Objm(env.nc)
      .open(eventPayloadBucket(fixture.prefix))
      .then((store) => store.destroy())
      .catch(() => undefined);
  });
  return running;
}

const commit = (fixture: EventFixture, events: TestEvent[]) =>
  env.db.transaction().execute((trx) => writeOutboxEvents(trx, fixture.schema, events));

const parkedInOutbox = (fixture: EventFixture) =>
  env.db
    .withSchema(fixture.schema)
    .selectFrom('outbox')
    .select(['id', 'attempts', 'last_error'])
    .where('parked_at', 'is not', null)
    .execute();

const parkedByConsumer = (fixture: EventFixture) =>
  env.db
    .withSchema(fixture.schema)
    .selectFrom('parked_event')
    .select(['consumer', 'id', 'error', 'attempts'])
    .execute();

describe('events that do not fit or do not go through', () => {
  it('carries an event larger than a bus message by reference, whole and in order', async () => {
    const fixture = await env.eventFixture();
    const recorder = recordingHandler(env.db, fixture.schema);
    await consume(fixture, recorder.handle);
    await relay(fixture);
    const huge = { ...testEvent('huge'), pad: 'x'.repeat(1_500_000) };

    await commit(fixture, [testEvent('small before'), huge, testEvent('small after')]);

    await vi.waitFor(
      async () => expect(await recorder.labels()).toEqual(['small before', 'huge', 'small after']),
      eventually,
    );
    expect(((await recorder.events())[1] as typeof huge).pad).toHaveLength(1_500_000);
    expect(await fixture.unpublishedIds()).toEqual([]);
  });

  it('parks an event the bus keeps refusing, publishes the ones behind it, and publishes it when replayed', async () => {
    const fixture = await env.eventFixture();
    // The stream refuses messages over 10 kB, and the publisher is told nothing goes by reference.
    const info = await fixture.jsm.streams.info(fixture.stream);
    await fixture.jsm.streams.update(fixture.stream, { ...info.config, max_msg_size: 10_000 });
    const recorder = recordingHandler(env.db, fixture.schema);
    await consume(fixture, recorder.handle);
    await relay(fixture, { maxMessageBytes: 10_000_000 });
    const refused = { ...testEvent('refused'), pad: 'y'.repeat(20_000) };

    await commit(fixture, [testEvent('first'), refused, testEvent('behind')]);

    await vi.waitFor(async () => expect(await parkedInOutbox(fixture)).toHaveLength(1), eventually);
    expect(await recorder.labels()).toEqual(['first', 'behind']);
    const parked = await parkedInOutbox(fixture);
    expect(parked[0]).toMatchObject({ id: refused.id, attempts: 3 });
    expect(parked[0]?.last_error).toMatch(/size/i);

    await fixture.jsm.streams.update(fixture.stream, { ...info.config, max_msg_size: -1 });
    expect(await requestOutboxReplay(env.db, fixture.schema, { id: refused.id })).toBe(1);

    await vi.waitFor(async () => expect(await recorder.labels()).toEqual(['first', 'behind', 'refused']), eventually);
    expect(await parkedInOutbox(fixture)).toEqual([]);
  });

  it('parks an event its consumer keeps failing on, consumes the ones behind it, and replays it on request', async () => {
    const fixture = await env.eventFixture();
    const recorder = recordingHandler(env.db, fixture.schema);
    let poisonFixed = false;
    await consume(fixture, async (event, trx) => {
      if (event.label === 'poison' && !poisonFixed) throw new Error('handler cannot take this event');
      await recorder.handle(event, trx);
    });
    await relay(fixture);
    const poison = testEvent('poison');

    await commit(fixture, [testEvent('one'), poison, testEvent('two')]);

    await vi.waitFor(async () => expect(await parkedByConsumer(fixture)).toHaveLength(1), eventually);
    expect(await recorder.labels()).toEqual(['one', 'two']);
    expect(await parkedByConsumer(fixture)).toEqual([
      { consumer: 'activity', id: poison.id, error: 'Error: handler cannot take this event', attempts: 3 },
    ]);
    const processed = await sql<{ id: string }>`SELECT id FROM ${sql.table(`${fixture.schema}.processed_event`)}
      WHERE id = ${poison.id}::uuid`.execute(env.db);
    expect(processed.rows).toEqual([]);

    poisonFixed = true;
    expect(await requestConsumerReplay(env.db, fixture.schema, { all: true })).toBe(1);

    await vi.waitFor(async () => expect(await recorder.labels()).toEqual(['one', 'two', 'poison']), eventually);
    await vi.waitFor(async () => expect(await parkedByConsumer(fixture)).toEqual([]), eventually);
  });
});
