import { createDb } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DurableConsumer, startDurableConsumer } from './durable-consumer.js';
import { createJetStreamPublisher } from './jetstream-publisher.js';
import { type OutboxRelay, startOutboxRelay } from './outbox-relay.js';
import { sleep } from './retry-backoff.js';
import { createEventFixture, recordingHandler, testEvent } from './testing/event-fixture.js';
import { PrivateNatsServer } from './testing/private-nats-server.js';
import { writeOutboxEvent } from './write-outbox-event.js';

let database: TestDatabase;
let db: Kysely<any>;
let server: PrivateNatsServer;
let nc: NatsConnection;
let fixture: Awaited<ReturnType<typeof createEventFixture>>;
let relay: OutboxRelay | undefined;
let consumer: DurableConsumer | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb<any>({ connectionString: database.url });
  server = await PrivateNatsServer.start();
  nc = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  fixture = await createEventFixture(db, nc);
});

afterAll(async () => {
  await relay?.stop();
  await consumer?.stop();
  await fixture?.destroy();
  await nc?.close();
  await server?.destroy();
  await db?.destroy();
  await database?.drop();
});

describe('outbox relay during a NATS outage', () => {
  it('keeps rows unpublished while NATS is unreachable and publishes them, once, when it comes back', async () => {
    const recorder = recordingHandler(db, fixture.schema);
    consumer = await startDurableConsumer({
      nc,
      prefix: fixture.prefix,
      durable: 'activity',
      db,
      schema: fixture.schema,
      handle: recorder.handle,
    });
    relay = await startOutboxRelay({
      db,
      databaseUrl: database.url,
      schema: fixture.schema,
      publish: createJetStreamPublisher({ nc, prefix: fixture.prefix, timeoutMs: 1_000 }),
    });
    const commit = (label: string) => {
      const event = testEvent(label);
      return db
        .transaction()
        .execute((trx) => writeOutboxEvent(trx, fixture.schema, event))
        .then(() => event);
    };

    const before = await commit('before the outage');
    await vi.waitFor(async () => expect(await recorder.labels()).toEqual(['before the outage']), { timeout: 10_000 });

    await server.stop();
    const during = [await commit('during 1'), await commit('during 2'), await commit('during 3')];
    // Several publish attempts fail in this time; none may mark a row.
    await sleep(2_500);
    expect(await fixture.unpublishedIds()).toEqual(during.map((event) => event.id));

    await server.restart();
    await vi.waitFor(async () => expect(await fixture.unpublishedIds()).toEqual([]), { timeout: 20_000, interval: 50 });
    expect(await fixture.storedEventIds()).toEqual([before, ...during].map((event) => event.id));
    // The consumer started before the outage keeps consuming after the server restart.
    await vi.waitFor(
      async () => expect(await recorder.labels()).toEqual(['before the outage', 'during 1', 'during 2', 'during 3']),
      { timeout: 20_000, interval: 50 },
    );
  });
});
