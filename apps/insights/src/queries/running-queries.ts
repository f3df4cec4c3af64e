import { type Kysely, sql } from 'kysely';

/** Cancel requests are kept this long: enough for a query's last statements to start and see one. */
const CANCEL_REQUEST_TTL = '10 minutes';

interface RunningStatement {
  pid: number;
  projectId: number;
  clientQueryId: string;
  queryStartedAt: Date;
}

/** Whether a cancel of the statement's query was requested since the query started. */
function cancelRequested(statement: RunningStatement) {
  return sql<boolean>`EXISTS (
    SELECT 1 FROM insights.cancel_request
    WHERE project_id = ${statement.projectId} AND client_query_id = ${statement.clientQueryId}
      AND requested_at >= ${statement.queryStartedAt})`;
}

/**
 * Registers one running statement (its backend pid) under (project, client_query_id), and answers whether a cancel of
 * that query was requested since it started, in one statement.
 */
export async function registerStatement(db: Kysely<any>, statement: RunningStatement): Promise<{ cancelled: boolean }> {
  const { rows } = await sql<{ cancelled: boolean }>`
    WITH registered AS (
      INSERT INTO insights.running_query (backend_pid, project_id, client_query_id)
      VALUES (${statement.pid}, ${statement.projectId}, ${statement.clientQueryId})
      ON CONFLICT (backend_pid) DO UPDATE SET project_id = excluded.project_id,
        client_query_id = excluded.client_query_id, started_at = now()
    )
    SELECT ${cancelRequested(statement)} AS cancelled`.execute(db);
  return { cancelled: rows[0]?.cancelled ?? false };
}

/** The statement ended: it no longer runs; answers whether its query was cancelled meanwhile. */
export async function unregisterStatement(
  db: Kysely<any>,
  statement: RunningStatement,
): Promise<{ cancelled: boolean }> {
  const { rows } = await sql<{ cancelled: boolean }>`
    WITH removed AS (DELETE FROM insights.running_query WHERE backend_pid = ${statement.pid})
    SELECT ${cancelRequested(statement)} AS cancelled`.execute(db);
  return { cancelled: rows[0]?.cancelled ?? false };
}

/**
 * Cancels a project's running queries with this client_query_id, whichever replica runs them: the request is recorded
 * (statements about to start see it) and every running statement's backend is cancelled. Another project's queries
 * are never touched. Answers how many statements were running.
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
    SELECT count(pg_cancel_backend(backend_pid))::int AS cancelled FROM insights.running_query
    WHERE project_id = ${projectId} AND client_query_id = ${clientQueryId}`.execute(db);
  return rows[0]?.cancelled ?? 0;
}
