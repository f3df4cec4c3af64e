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
 * carry the statement timeout), its session named after (project, client_query_id) while it runs so that a cancel
 * from any replica reaches it. A cancelled statement rejects with `QueryCancelledError`, one past the timeout with
 * `QueryTimeoutError`; an aborted signal cancels the statement's backend.
 */
export function pgQueryBackend(options: {
  pool: pg.Pool;
  db: Kysely<any>;
  projectId: number;
  clientQueryId: string;
  startedAt: Date;
}): QueryBackend {
  const registration = {
    projectId: options.projectId,
    clientQueryId: options.clientQueryId,
    queryStartedAt: options.startedAt,
  };
  return {
    async execute(statement, { signal }) {
      const client = await options.pool.connect();
      let healthy = true;
      let rows: unknown[];
      try {
        const pid = await backendPidOf(client);
        if ((await registerStatement(client, registration)).cancelled) {
          await unregisterStatement(client, registration);
          throw new QueryCancelledError();
        }
        const cancelBackend = () => {
          void sql`SELECT pg_cancel_backend(${pid})`.execute(options.db).catch(() => undefined);
        };
        signal?.addEventListener('abort', cancelBackend, { once: true });
        try {
          rows = (await client.query({ text: statement.sql, values: [...statement.parameters] })).rows;
        } catch (error) {
          signal?.removeEventListener('abort', cancelBackend);
          const ended = await unregisterStatement(client, registration).catch(() => {
            healthy = false;
            return { cancelled: false };
          });
          // A cancelled statement (by `cancel` or by the signal) is told apart from one past its timeout.
          if ((error as { code?: string } | undefined)?.code === QUERY_CANCELED) {
            throw ended.cancelled || signal?.aborted ? new QueryCancelledError() : new QueryTimeoutError();
          }
          throw error ?? new Error('statement failed');
        }
        signal?.removeEventListener('abort', cancelBackend);
      } catch (error) {
        client.release(!healthy);
        throw error;
      }
      // The rows are answered at once; the session takes its idle name back before the pool hands it out again.
      void unregisterStatement(client, registration).then(
        () => client.release(),
        () => client.release(true),
      );
      return rows as never;
    },
  };
}
