import type { CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { QueryBackend } from '../backend.js';

/** A `QueryBackend` over a node-postgres pool, cancelling the running statement when the signal aborts. */
export function createPgBackend(pool: pg.Pool): QueryBackend {
  return {
    async execute<Row>(statement: CompiledQuery<Row>, options: { signal?: AbortSignal }): Promise<Row[]> {
      options.signal?.throwIfAborted();
      const client = await pool.connect();
      const pid = (client as unknown as { processID: number }).processID;
      const cancel = () => {
        void pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
      };
      options.signal?.addEventListener('abort', cancel, { once: true });
      try {
        const result = await client.query({ text: statement.sql, values: [...statement.parameters] });
        return result.rows as Row[];
      } finally {
        options.signal?.removeEventListener('abort', cancel);
        client.release();
      }
    },
  };
}
