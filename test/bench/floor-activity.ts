import type pg from 'pg';

const SCOPE = 'Insight';
const WHOLE_SCOPE = '';

/**
 * The floor of `GET …/insights/activity/`: apps/activity/src/log/read-page.ts's one statement (the counter row, and
 * the page as a range of positions read backwards beside it), the same SQL on one bare pg connection.
 */
export function activityFloor(client: pg.Client, projectId: number) {
  const page = async (limit: number, pageNumber: number) => {
    const skipped = Math.min((pageNumber - 1) * limit, Number.MAX_SAFE_INTEGER);
    const { rows } = await client.query<{ total: number; id: string | null }>(
      `SELECT c.count AS total, page.id, page.user_snapshot, page.is_system, page.client, page.activity, page.scope,
         page.item_id, page.detail, page.created_at
       FROM activity.activity_count AS c
       LEFT JOIN LATERAL (
         SELECT l.id, l.user_snapshot, l.is_system, l.client, l.activity, l.scope, l.item_id, l.detail, l.created_at,
           l.position
         FROM activity.activity_log AS l
         WHERE l.project_id = $1 AND l.scope = $2 AND l.position <= c.count - $3
         ORDER BY l.position DESC
         LIMIT $4
       ) AS page ON true
       WHERE c.project_id = $5 AND c.scope = $6 AND c.item_id = $7
       ORDER BY page.position DESC`,
      [projectId, SCOPE, skipped, limit, projectId, SCOPE, WHOLE_SCOPE],
    );
    return rows.filter((row) => row.id !== null);
  };
  return { page };
}
