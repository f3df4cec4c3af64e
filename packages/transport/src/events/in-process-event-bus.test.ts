import { createDb } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { type Kysely, sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventProcessor } from './event-processor.js';
import { createInProcessEventBus } from './in-process-event-bus.js';
import { startOutboxRelay } from './outbox-relay.js';
import {
  addOutboxParking,
  createOutboxTable,
  createParkedEventsTable,
  createProcessedEventsTable,
} from './outbox-tables.js';
import type { EventHandler } from './process-event-once.js';
import { createHandledLog, recordingHandler, type TestEvent, testEvent } from './testing/event-fixture.js';
import { writeOutboxEvents } from './write-outbox-event.js';

let database: TestDatabase;
let db: Kysely<any>;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb<any>({ connectionString: database.url });
  for (const schema of ['producer', 'activity', 'views']) await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
  await createOutboxTable(db, 'producer');
  await addOutboxParking(db, 'producer');
  for (const schema of ['activity', 'views']) {
    await createProcessedEventsTable(db, schema);
    await createParkedEventsTable(db, schema);
    await createHandledLog(db, schema);
  }
});

beforeEach(async () => {
  for (const schema of ['activity', 'views']) await sql`TRUNCATE ${sql.table(`${schema}.handled_log`)}`.execute(db);
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

const processorOf = (schema: string, handle: EventHandler<TestEvent>, maxAttempts = 3) =>
  createEventProcessor<TestEvent>({ db, schema, consumer: schema, handle, maxAttempts, log });

async function publishThroughRelay(bus: ReturnType<typeof createInProcessEventBus>, labels: string[]) {
  const relay = await startOutboxRelay({ db, databaseUrl: database.url, schema: 'producer', publish: bus.publish });
  try {
    await db.transaction().execute((trx) =>
      writeOutboxEvents(
        trx,
        'producer',
        labels.map((label) => testEvent(label)),
      ),
    );
    await vi.waitFor(async () => expect(await unpublishedCount()).toBe(0), { timeout: 10_000 });
  } finally {
    await relay.stop();
  }
}

describe('in-process event bus', () => {
  it('hands outbox events to every subscriber once, in order, redelivering an event whose handler failed once', async () => {
    const bus = createInProcessEventBus({ retryBaseMs: 10 });
    const activity = recordingHandler(db, 'activity');
    const views = recordingHandler(db, 'views');
    let viewsAttempts = 0;
    const flakyViews: EventHandler<TestEvent> = async (event, trx) => {
      viewsAttempts++;
      if (viewsAttempts === 2) throw new Error('views database hiccup');
      await views.handle(event, trx);
    };
    bus.subscribe('activity', processorOf('activity', activity.handle));
    bus.subscribe('views', processorOf('views', flakyViews));

    await publishThroughRelay(bus, ['one', 'two', 'three']);

    expect(await activity.labels()).toEqual(['one', 'two', 'three']);
    expect(await views.labels()).toEqual(['one', 'two', 'three']);
  });

  it('parks an event a subscriber keeps failing on, and delivers the ones behind it', async () => {
    const bus = createInProcessEventBus({ retryBaseMs: 10 });
    const activity = recordingHandler(db, 'activity');
    const poisoned: EventHandler<TestEvent> = async (event, trx) => {
      if (event.label === 'poison') throw new Error('cannot handle poison');
      await activity.handle(event, trx);
    };
    bus.subscribe('activity', processorOf('activity', poisoned));

    await publishThroughRelay(bus, ['before', 'poison', 'after']);

    expect(await activity.labels()).toEqual(['before', 'after']);
    const parked = await db
      .selectFrom('activity.parked_event')
      .select(['consumer', 'error', 'attempts', sql<string>`event->>'label'`.as('label')])
      .execute();
    expect(parked).toEqual([
      { consumer: 'activity', error: 'Error: cannot handle poison', attempts: 3, label: 'poison' },
    ]);
  });

  it('refuses two subscribers with the same name', () => {
    const bus = createInProcessEventBus();
    bus.subscribe('activity', async () => ({ outcome: 'processed' }));
    expect(() => bus.subscribe('activity', async () => ({ outcome: 'processed' }))).toThrow(/already exists/);
  });
});
