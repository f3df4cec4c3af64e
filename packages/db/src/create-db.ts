import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { preparingPool } from './prepared-statements.js';

// int8 (count(*), bigserial) arrives as a string by default; our ids and counts fit in a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

export interface CreateDbOptions {
  connectionString: string;
  maxConnections?: number;
  applicationName?: string;
  /** Every statement of the pool's sessions is cancelled after this long. */
  statementTimeoutMs?: number;
  /** Server settings of the pool's sessions (`SET name = value` at connect). */
  sessionSettings?: Record<string, string>;
}

export function createPool(options: CreateDbOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName,
    idleTimeoutMillis: 30_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.sessionSettings
      ? {
          options: Object.entries(options.sessionSettings)
            .map(([name, value]) => `-c ${name}=${value}`)
            .join(' '),
        }
      : {}),
  });
  // An idle client that the server terminates (restart, DROP DATABASE … WITH (FORCE)) emits 'error' on the pool;
  // without a listener that would crash the process. The next query simply gets a fresh connection.
  pool.on('error', () => undefined);
  return pool;
}

export function createDb<Database>(options: CreateDbOptions): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(createPool(options)) }) });
}
