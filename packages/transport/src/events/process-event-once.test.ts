import { createDb } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessedEventsTable } from './outbox-tables.js';
import { type EventHandler, processEventOnce } from './process-event-once.js';
import { deferred } from './testing/deferred.js';
import { type TestEvent, testEvent } from './testing/event-fixture.js';

const schema = 'consumer';
let database: TestDatabase;
let db: Kysely<any>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb<any>({ connectionString: database.url });
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
  await createProcessedEventsTable(db, schema);
  // What a handler writes: a read model row per event.
  await db.schema.withSchema(schema).createTable('activity').addColumn('label', 'text').execute();
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const recordActivity: EventHandler<TestEvent> = async (event, trx) => {
  await trx.withSchema(schema).insertInto('activity').values({ label: event.label }).execute();
};

async function activityLabels(): Promise<string[]> {
  const rows = await db.withSchema(schema).selectFrom('activity').select('label').orderBy('label').execute();
  return rows.map((row: { label: string }) => row.label);
}

async function isMarkedProcessed(id: string): Promise<boolean> {
  const row = await db
    .withSchema(schema)
    .selectFrom('processed_event')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

describe('processEventOnce', () => {
  it('runs the handler once for an event delivered twice and reports the second delivery as a duplicate', async () => {
    const event = testEvent('delivered twice');
    let calls = 0;
    const handle: EventHandler<TestEvent> = async (delivered, trx) => {
      calls++;
      await recordActivity(delivered, trx);
    };

    expect(await processEventOnce(db, schema, event, handle)).toBe('processed');
    expect(await processEventOnce(db, schema, { ...event }, handle)).toBe('duplicate');

    expect(calls).toBe(1);
    expect(await activityLabels()).toContain('delivered twice');
    expect(await isMarkedProcessed(event.id)).toBe(true);
  });

  it('rolls back the processed mark and the handler writes when the handler throws, so a redelivery handles it', async () => {
    const event = testEvent('fails first');
    const failing: EventHandler<TestEvent> = async (delivered, trx) => {
      await recordActivity(delivered, trx);
      throw new Error('handler failed');
    };

    await expect(processEventOnce(db, schema, event, failing)).rejects.toThrow('handler failed');
    expect(await isMarkedProcessed(event.id)).toBe(false);
    expect(await activityLabels()).not.toContain('fails first');

    expect(await processEventOnce(db, schema, event, recordActivity)).toBe('processed');
    expect(await isMarkedProcessed(event.id)).toBe(true);
    expect((await activityLabels()).filter((label) => label === 'fails first')).toHaveLength(1);
  });

  it('runs the handler once when the same event is delivered twice at the same time', async () => {
    const event = testEvent('concurrent');
    const firstStarted = deferred();
    const finishFirst = deferred();
    let calls = 0;
    const slow: EventHandler<TestEvent> = async (delivered, trx) => {
      calls++;
      firstStarted.resolve();
      await finishFirst.promise;
      await recordActivity(delivered, trx);
    };

    const first = processEventOnce(db, schema, event, slow);
    await firstStarted.promise;
    // The second delivery waits on the first one's uncommitted mark, then sees it as a duplicate.
    const second = processEventOnce(db, schema, event, slow);
    finishFirst.resolve();

    expect(await Promise.all([first, second])).toEqual(['processed', 'duplicate']);
    expect(calls).toBe(1);
  });
});
