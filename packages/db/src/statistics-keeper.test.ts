import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.js';
import { startStatisticsKeeper } from './statistics-keeper.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('statistics keeper', () => {
  it('analyses a table of its schema once it has changed enough, and leaves other schemas alone', async () => {
    // One connection: the one that wrote is the one asked to report its counts at once (below).
    const db = createDb<any>({ connectionString: database.url, maxConnections: 1 });
    try {
      await sql`CREATE SCHEMA kept; CREATE TABLE kept.item (id int PRIMARY KEY)`.execute(db);
      await sql`CREATE SCHEMA other; CREATE TABLE other.item (id int PRIMARY KEY)`.execute(db);
      await sql`INSERT INTO kept.item SELECT generate_series(1, 1000)`.execute(db);
      await sql`INSERT INTO other.item SELECT generate_series(1, 1000)`.execute(db);
      // A backend reports its table counts lazily (up to seconds later when busy); have it report them now.
      await sql`SELECT pg_stat_force_next_flush()`.execute(db);
      await sql`SELECT 1`.execute(db);
      const keeper = startStatisticsKeeper({ db, schema: 'kept', intervalMs: 100, evenWithAutovacuum: true });
      const analysed = async (schema: string) =>
        (
          await sql<{ tuples: number }>`
            SELECT reltuples AS tuples FROM pg_class WHERE oid = ${`${schema}.item`}::regclass`.execute(db)
        ).rows[0]?.tuples;
      const deadline = Date.now() + 15_000;
      while ((await analysed('kept')) !== 1000 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await keeper.stop();
      expect(await analysed('kept')).toBe(1000);
      expect(await analysed('other')).toBe(-1);
    } finally {
      await db.destroy();
    }
  });
});
