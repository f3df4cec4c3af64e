import { createPool } from '@insights/db';
import { Kysely, PostgresDialect } from 'kysely';

/**
 * A Kysely for a test database. pg's `Pool.end()` resolves before its connections are closed, so the
 * `DROP DATABASE … WITH (FORCE)` that follows in `afterAll` can hit a closing connection; without an
 * error listener on the pool that error would crash the test run.
 */
export function connectTestDb(url: string): Kysely<any> {
  const pool = createPool({ connectionString: url });
  pool.on('error', () => undefined);
  return new Kysely({ dialect: new PostgresDialect({ pool }) });
}
