import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';

/** Cancel requests are kept this long: enough for a query's last statements to start and see one. */
const CANCEL_REQUEST_TTL = '10 minutes';
/** What a query connection is called while it runs no statement. */
export const IDLE_QUERY_SESSION = 'insights-queries';

export interface RunningStatement {
  projectId: number;
  clientQueryId: string;
  queryStartedAt: Date;
}

/**
 * The `application_name` a session carries while it runs a statement of (project, client_query_id): any replica finds
 * it in `pg_stat_activity`. Hashed, because the name holds 63 bytes and a client's id 256 characters.
 */
export function runningQuerySessionName(projectId: number, clientQueryId: string): string {
  const digest = createHash('sha256').update(`${projectId}\u0000${clientQueryId}`).digest('base64url');
  return `insights-query:${digest.slice(0, 40)}`;
}

// Whether a cancel of the query was requested since it started; $2 project, $3 client_query_id, $4 started.
const CANCEL_REQUESTED = `EXISTS (
  SELECT 1 FROM insights.cancel_request
  WHERE project_id = $2 AND client_query_id = $3 AND requested_at >= $4)`;
const NAME_SESSION = `SELECT set_config('application_name', $1, false), ${CANCEL_REQUESTED} AS cancelled`;

async function nameSession(client: pg.PoolClient, name: string, statement: RunningStatement) {
  // Named: it runs around every statement of every query, so each session parses and plans it once.
  const { rows } = await client.query<{ cancelled: boolean }>({
    name: 'insights-name-query-session',
    text: NAME_SESSION,
    values: [name, statement.projectId, statement.clientQueryId, statement.queryStartedAt],
  });
  return { cancelled: rows[0]?.cancelled ?? false };
}

/**
 * Marks the session as running a statement of (project, client_query_id), and answers whether a cancel of that query
 * was requested since it started, in one round trip that writes nothing.
 */
export function registerStatement(client: pg.PoolClient, statement: RunningStatement): Promise<{ cancelled: boolean }> {
  return nameSession(client, runningQuerySessionName(statement.projectId, statement.clientQueryId), statement);
}

/** The statement ended: the session runs nothing; answers whether its query was cancelled meanwhile. */
export function unregisterStatement(
  client: pg.PoolClient,
  statement: RunningStatement,
): Promise<{ cancelled: boolean }> {
  return nameSession(client, IDLE_QUERY_SESSION, statement);
}

/**
 * Cancels a project's running queries with this client_query_id, whichever replica runs them: the request is recorded
 * (statements about to start see it) and every session running one of its statements is cancelled. Another project's
 * queries are never touched. Answers how many statements were running.
 */
export async function cancelQueries(db: Kysely<any>, projectId: number, clientQueryId: string): Promise<number> {
  // Committed first: a statement cancelled below must find the request when it asks why it was cancelled.
  await sql`
    WITH pruned AS (
      DELETE FROM insights.cancel_request WHERE requested_at < now() - ${sql.raw(`interval '${CANCEL_REQUEST_TTL}'`)}
    )
    INSERT INTO insights.cancel_request (project_id, client_query_id) VALUES (${projectId}, ${clientQueryId})`.execute(
    db,
  );
  const { rows } = await sql<{ cancelled: number }>`
    SELECT count(pg_cancel_backend(pid))::int AS cancelled FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = ${runningQuerySessionName(projectId, clientQueryId)}
      AND pid <> pg_backend_pid()`.execute(db);
  return rows[0]?.cancelled ?? 0;
}
