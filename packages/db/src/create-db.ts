import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

// int8 (count(*), bigserial) arrives as a string by default; our ids and counts fit in a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

export interface CreateDbOptions {
  connectionString: string;
  maxConnections?: number;
  applicationName?: string;
}

export function createPool(options: CreateDbOptions): pg.Pool {
  return new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName,
    idleTimeoutMillis: 30_000,
  });
}

export function createDb<Database>(options: CreateDbOptions): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(options) }) });
}
