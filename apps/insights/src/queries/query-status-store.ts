import type { QueryStatus } from '@insights/contracts';
import { type Kysely, sql } from 'kysely';

/** Records (or replaces) the status of an asynchronous query, readable by every replica. */
export async function writeQueryStatus(db: Kysely<any>, projectId: number, status: QueryStatus): Promise<void> {
  await sql`
    INSERT INTO insights.query_status (project_id, id, status, updated_at)
    VALUES (${projectId}, ${status.id}, ${JSON.stringify(status)}::jsonb, now())
    ON CONFLICT (project_id, id) DO UPDATE SET status = excluded.status, updated_at = now()`.execute(db);
}

export async function readQueryStatus(db: Kysely<any>, projectId: number, id: string): Promise<QueryStatus | null> {
  const { rows } = await sql<{ status: QueryStatus }>`
    SELECT status FROM insights.query_status WHERE project_id = ${projectId} AND id = ${id}`.execute(db);
  return rows[0]?.status ?? null;
}
