import { sql, type Transaction } from 'kysely';
import {
  type ActivityDatabase,
  type ActivityUserSnapshot,
  type StoredActivityDetail,
  WHOLE_SCOPE,
} from '../db/database.js';

export interface NewActivityEntry {
  id: string;
  projectId: number;
  organizationId: string | null;
  /** Null for a system entry. */
  user: ActivityUserSnapshot | null;
  client: string | null;
  activity: string;
  scope: string;
  itemId: string;
  detail: StoredActivityDetail;
  createdAt: string;
}

/**
 * Appends entries (in the order given) and bumps their scopes' and items' counters, in one statement inside the
 * caller's transaction. The counter rows stay locked until commit, so positions are handed out in commit order, in the
 * given order within a batch, without gaps, and the counters always equal the number of committed entries
 * (`total_count` never needs a COUNT). Every writer locks counter rows in the same order (by project and scope, the
 * whole scope before its items), so concurrent writers cannot deadlock.
 */
export async function appendActivityEntries(
  trx: Transaction<ActivityDatabase>,
  entries: readonly NewActivityEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  if (entries.some((entry) => entry.itemId === WHOLE_SCOPE)) throw new Error('an activity entry needs an item id');
  const batch = JSON.stringify(
    entries.map((entry, ord) => ({
      ord,
      id: entry.id,
      project_id: entry.projectId,
      organization_id: entry.organizationId,
      user_snapshot: entry.user,
      is_system: entry.user === null,
      client: entry.client,
      activity: entry.activity,
      scope: entry.scope,
      item_id: entry.itemId,
      detail: entry.detail,
      created_at: entry.createdAt,
    })),
  );
  await sql`
    WITH batch AS (
      SELECT * FROM jsonb_to_recordset(${batch}::jsonb) AS e(
        ord int, id uuid, project_id int, organization_id text, user_snapshot jsonb, is_system boolean, client text,
        activity text, scope text, item_id text, detail jsonb, created_at timestamptz)
    ),
    increments AS (
      SELECT project_id, scope, ${WHOLE_SCOPE}::text AS item_id, count(*)::int AS n FROM batch GROUP BY project_id, scope
      UNION ALL
      SELECT project_id, scope, item_id, count(*)::int FROM batch GROUP BY project_id, scope, item_id
    ),
    counted AS (
      INSERT INTO activity.activity_count AS c (project_id, scope, item_id, count)
      SELECT project_id, scope, item_id, n FROM increments ORDER BY project_id, scope, item_id
      ON CONFLICT (project_id, scope, item_id) DO UPDATE SET count = c.count + excluded.count
      RETURNING c.project_id, c.scope, c.item_id, c.count
    )
    INSERT INTO activity.activity_log (
      id, project_id, organization_id, user_snapshot, is_system, client,
      activity, scope, item_id, detail, created_at, position, item_position
    )
    SELECT
      b.id, b.project_id, b.organization_id, b.user_snapshot, b.is_system, b.client,
      b.activity, b.scope, b.item_id, b.detail, b.created_at,
      whole.count - count(*) OVER (PARTITION BY b.project_id, b.scope)
        + row_number() OVER (PARTITION BY b.project_id, b.scope ORDER BY b.ord),
      item.count - count(*) OVER (PARTITION BY b.project_id, b.scope, b.item_id)
        + row_number() OVER (PARTITION BY b.project_id, b.scope, b.item_id ORDER BY b.ord)
    FROM batch b
    JOIN counted whole ON whole.project_id = b.project_id AND whole.scope = b.scope AND whole.item_id = ${WHOLE_SCOPE}
    JOIN counted item ON item.project_id = b.project_id AND item.scope = b.scope AND item.item_id = b.item_id`.execute(
    trx,
  );
}
