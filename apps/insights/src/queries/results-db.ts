import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';

const resultsDbs = new WeakMap<pg.Pool, Kysely<any>>();

/**
 * The query pool as a Kysely, to write computed results on. Its sessions do not wait for a commit to reach the disk
 * (QUERY_SESSION_SETTINGS): a result lost to a crash is computed again, and the answer does not wait for the flush.
 */
export function resultsDbOf(queryPool: pg.Pool): Kysely<any> {
  let db = resultsDbs.get(queryPool);
  if (!db) {
    db = new Kysely<any>({ dialect: new PostgresDialect({ pool: queryPool }) });
    resultsDbs.set(queryPool, db);
  }
  return db;
}
