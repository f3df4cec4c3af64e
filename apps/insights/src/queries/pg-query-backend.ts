import type { QueryBackend } from '@insights/query-engine';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { QueryCancelledError, QueryTimeoutError } from './query-failures.js';
import { registerStatement, unregisterStatement } from './running-queries.js';

const QUERY_CANCELED = '57014';
const backendPids = new WeakMap<pg.PoolClient, number>();

async function backendPidOf(client: pg.PoolClient): Promise<number> {
  let pid = backendPids.get(client);
  if (pid === undefined) {
    pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    backendPids.set(client, pid);
  }
  return pid;
}

/**
 * The query engine's backend on PostgreSQL: each statement runs on a connection of the query pool (whose sessions
 * carry the statement timeout), registered under (project, client_query_id) while it runs so that a cancel from any
 * replica reaches it. A cancelled statement rejects with `QueryCancelledError`, one past the timeout with
 * `QueryTimeoutError`; an aborted signal cancels the statement's backend.
 */
export function pgQueryBackend(options: {
  pool: pg.Pool;
  db: Kysely<any>;
  projectId: number;
  clientQueryId: string;
  startedAt: Date;
}): QueryBackend {
  const registration = (pid: number) => ({
    pid,
    projectId: options.projectId,
    clientQueryId: options.clientQueryId,
    queryStartedAt: options.startedAt,
  });
  return {
    async execute(statement, { signal }) {
      const client = await options.pool.connect();
      let healthy = true;
      try {
        const pid = await backendPidOf(client);
        if ((await registerStatement(options.db, registration(pid))).cancelled) {
          await unregisterStatement(options.db, registration(pid));
          throw new QueryCancelledError();
        }
        const cancelBackend = () => {
          void sql`SELECT pg_cancel_backend(${pid})`.execute(options.db).catch(() => undefined);
        };
        signal?.addEventListener('abort', cancelBackend, { once: true });
        let rows: unknown[] = [];
        let failure: unknown;
        try {
          rows = (await client.query({ text: statement.sql, values: [...statement.parameters] })).rows;
        } catch (error) {
          failure = error ?? new Error('statement failed');
        }
        signal?.removeEventListener('abort', cancelBackend);
        const ended = await unregisterStatement(options.db, registration(pid)).catch(() => {
          healthy = false;
          return { cancelled: false };
        });
        if (failure === undefined) return rows as never;
        // A cancelled statement (by `cancel` or by the signal) is told apart from one past its timeout.
        if ((failure as { code?: string }).code === QUERY_CANCELED) {
          throw ended.cancelled || signal?.aborted ? new QueryCancelledError() : new QueryTimeoutError();
        }
        throw failure;
      } finally {
        client.release(!healthy);
      }
    },
  };
}
