import { type Kysely, sql } from 'kysely';
import { type ActivityDatabase, WHOLE_SCOPE } from '../db/database.js';

export interface ActivityPageRequest {
  projectId: number;
  scope: string;
  /** One item's entries; the whole scope's when absent. */
  itemId?: string;
  limit: number;
  /** 1-based. */
  page: number;
}

export interface ActivityPageText {
  /** The page's entries as a JSON array, rendered by PostgreSQL (see ENTRY_JSON). */
  resultsJson: string;
  total: number;
}

/**
 * An entry as PostHog's `ActivityLogSerializer` renders it (spec §14.4), plus the request's client, in its key order:
 * `user` is the snapshot's name and email, PostHog's system user, or its deleted user ('' and ''); `created_at` is
 * ISO 8601 in UTC with milliseconds, as `Date.toISOString()` writes it. `detail` is the stored JSON as PostgreSQL
 * prints it (a space after each `:` and `,`). Rendered where the rows are: nothing is parsed to be serialized again.
 */
const ENTRY_JSON = sql<string>`
  '{"id":' || to_json(l.id)::text
  || ',"user":' || CASE
       WHEN l.is_system THEN '{"first_name":"System","email":null,"is_system":true}'
       WHEN l.user_snapshot IS NULL OR jsonb_typeof(l.user_snapshot) = 'null' THEN '{"first_name":"","email":""}'
       ELSE '{"first_name":' || coalesce(to_json(l.user_snapshot->>'first_name')::text, 'null')
         || ',"email":' || coalesce(to_json(l.user_snapshot->>'email')::text, 'null') || '}'
     END
  || ',"activity":' || to_json(l.activity)::text
  || ',"scope":' || to_json(l.scope)::text
  || ',"item_id":' || to_json(l.item_id)::text
  || ',"detail":' || l.detail::text
  || ',"created_at":"' || to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
  || ',"client":' || coalesce(to_json(l.client)::text, 'null')
  || '}'`;

/**
 * One page of entries, newest first, as JSON, and the total, in one statement. Positions are dense (1…count), so
 * page N is the range of positions just below `count - (N-1)·limit`, read backwards on the position index: the cost
 * does not depend on the page number, and the total is the counter row, never a COUNT.
 */
export async function readActivityPage(
  db: Kysely<ActivityDatabase>,
  request: ActivityPageRequest,
): Promise<ActivityPageText> {
  const { projectId, scope, itemId, limit } = request;
  const skipped = Math.min((request.page - 1) * limit, Number.MAX_SAFE_INTEGER);
  const position = itemId === undefined ? sql`l.position` : sql`l.item_position`;
  const ofItem = itemId === undefined ? sql`` : sql`AND l.item_id = ${itemId}`;
  const { rows } = await sql<{ total: number; results_json: string | null }>`
    SELECT c.count AS total,
           (SELECT '[' || string_agg(page.entry, ',' ORDER BY page.position DESC) || ']'
            FROM (SELECT ${ENTRY_JSON} AS entry, ${position} AS position
                  FROM activity.activity_log l
                  WHERE l.project_id = ${projectId} AND l.scope = ${scope} ${ofItem}
                    AND ${position} <= c.count - ${skipped}
                  ORDER BY ${position} DESC
                  LIMIT ${limit}) AS page) AS results_json
    FROM activity.activity_count c
    WHERE c.project_id = ${projectId} AND c.scope = ${scope} AND c.item_id = ${itemId ?? WHOLE_SCOPE}`.execute(db);
  const [counter] = rows;
  return { resultsJson: counter?.results_json ?? '[]', total: counter?.total ?? 0 };
}
