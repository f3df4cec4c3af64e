import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('prepared statements', () => {
  it('prepares a parameterised statement once per connection, and still answers each call with its own values', async () => {
    const db = createDb<any>({ connectionString: database.url, maxConnections: 1 });
    try {
      const doubled = [];
      for (const value of [1, 2, 3]) {
        doubled.push((await sql<{ twice: number }>`SELECT ${value}::int * 2 AS twice`.execute(db)).rows[0]?.twice);
      }
      expect(doubled).toEqual([2, 4, 6]);
      const prepared = await sql<{ statement: string; calls: string }>`
        SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%AS twice%'`.execute(db);
      expect(prepared.rows).toHaveLength(1);
      // A statement without parameters runs unnamed.
      await sql`SELECT 42 AS answer`.execute(db);
      const unnamed = await sql`SELECT 1 FROM pg_prepared_statements WHERE statement LIKE '%AS answer%'`.execute(db);
      expect(unnamed.rows).toHaveLength(0);
    } finally {
      await db.destroy();
    }
  });
});
