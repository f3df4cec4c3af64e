import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from './create-db.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('createPool', () => {
  it('gives every session of the pool its server settings and statement timeout', async () => {
    const pool = createPool({
      connectionString: database.url,
      statementTimeoutMs: 1234,
      sessionSettings: { jit_inline_above_cost: '-1', jit_optimize_above_cost: '-1' },
    });
    try {
      const shown = await Promise.all(
        ['jit_inline_above_cost', 'jit_optimize_above_cost', 'statement_timeout'].map(
          async (name) => (await pool.query(`SHOW ${name}`)).rows[0]?.[name],
        ),
      );
      expect(shown).toEqual(['-1', '-1', '1234ms']);
    } finally {
      await pool.end();
    }
  });
});
