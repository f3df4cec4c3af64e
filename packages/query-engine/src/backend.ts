import type { CompiledQuery } from 'kysely';

/**
 * What the engine needs from a database: run one compiled PostgreSQL statement. The engine never opens connections
 * itself; the insights service implements this with its pool, statement timeout and cancellation.
 */
export interface QueryBackend {
  /** Runs one compiled statement; must reject promptly when `signal` aborts (the caller cancels the statement). */
  execute<Row>(statement: CompiledQuery<Row>, options: { signal?: AbortSignal }): Promise<Row[]>;
}
