import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { QueryBackend } from '../backend.js';
import { createEventTables } from '../sql/event-tables.js';
import type { Dataset } from './dataset.js';
import { loadDataset } from './load-dataset.js';
import { createPgBackend } from './pg-backend.js';

export interface LoadedDataset {
  dataset: Dataset;
  backend: QueryBackend;
  db: Kysely<any>;
  schema: string;
  close(): Promise<void>;
}

/** A throwaway database with the event tables in schema `insights`, holding `dataset`. */
export async function loadIntoTestDatabase(dataset: Dataset): Promise<LoadedDataset> {
  const database: TestDatabase = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on('error', () => undefined);
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const schema = 'insights';
  await createEventTables(db, schema);
  await loadDataset(db, schema, dataset);
  return {
    dataset,
    backend: createPgBackend(pool),
    db,
    schema,
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}
