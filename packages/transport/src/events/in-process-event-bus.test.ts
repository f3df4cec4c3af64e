import { createDb } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInProcessEventBus } from './in-process-event-bus.js';
import { startOutboxRelay } from './outbox-relay.js';
import { createOutboxTable, createProcessedEventsTable } from './outbox-tables.js';
import { type EventHandler, processEventOnce } from './process-event-once.js';
import { deferred } from './testing/deferred.js';
import { recordingHandler, type TestEvent, testEvent } from './testing/event-fixture.js';
import { writeOutboxEvents } from './write-outbox-event.js';

let database: TestDatabase;
let db: Kysely<any>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb<any>({ connectionString: database.url });
  for (const schema of ['producer', 'activity', 'views']) await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
  await createOutboxTable(db, 'producer');
  await createProcessedEventsTable(db, 'activity');
  await createProcessedEventsTable(db, 'views');
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function unpublishedCount(): Promise<number> {
  const rows = await db
    .withSchema('producer')
    .selectFrom('outbox')
    .select('id')
    .where('published_at', 'is', null)
    .execute();
  return rows.length;
}

describe('in-process event bus', () => {
  it('hands outbox events to every subscriber once, in order, and marks them published only after every handler committed', async () => {
    const bus = createInProcessEventBus();
    const activity = recordingHandler();
    const views = recordingHandler();
    const retryStarted = deferred();
    const releaseRetry = deferred();
    let viewsAttempts = 0;
    const flakyViews: EventHandler<TestEvent> = async (event, trx) => {
      viewsAttempts++;
      if (viewsAttempts === 1) throw new Error('views database hiccup');
      if (viewsAttempts === 2) {
        retryStarted.resolve();
        await releaseRetry.promise;
      }
      await views.handle(event, trx);
    };
    bus.subscribe('activity', (event) => processEventOnce(db, 'activity', event as TestEvent, activity.handle));
    bus.subscribe('views', (event) => processEventOnce(db, 'views', event as TestEvent, flakyViews));

    const relay = await startOutboxRelay({ db, databaseUrl: database.url, schema: 'producer', publish: bus.publish });
    try {
      await db.transaction().execute((trx) =>
        writeOutboxEvents(
          trx,
          'producer',
          ['one', 'two', 'three'].map((label) => testEvent(label)),
        ),
      );

      // The first batch failed in views: the relay rolled back, although activity had committed all three.
      await retryStarted.promise;
      expect(await unpublishedCount()).toBe(3);
      expect(activity.labels()).toEqual(['one', 'two', 'three']);
      releaseRetry.resolve();

      await vi.waitFor(async () => expect(await unpublishedCount()).toBe(0), { timeout: 10_000 });
      expect(activity.labels()).toEqual(['one', 'two', 'three']);
      expect(views.labels()).toEqual(['one', 'two', 'three']);
    } finally {
      await relay.stop();
    }
  });

  it('refuses two subscribers with the same name', () => {
    const bus = createInProcessEventBus();
    bus.subscribe('activity', async () => undefined);
    expect(() => bus.subscribe('activity', async () => undefined)).toThrow(/already exists/);
  });
});
