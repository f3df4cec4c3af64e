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
 * Appends one entry and bumps its scope's and its item's counters in one statement, inside the caller's transaction.
 * The counter rows stay locked until commit, so positions are handed out one by one in commit order, without gaps,
 * and the counters always equal the number of committed entries (`total_count` never needs a COUNT). Both rows are
 * locked in the same order by every writer (the whole scope first), so concurrent writers cannot deadlock.
 */
export async function appendActivityEntry(trx: Transaction<ActivityDatabase>, entry: NewActivityEntry): Promise<void> {
  if (entry.itemId === WHOLE_SCOPE) throw new Error('an activity entry needs an item id');
  await sql`
    WITH counted AS (
      INSERT INTO activity.activity_count AS c (project_id, scope, item_id, count)
      VALUES
        (${entry.projectId}, ${entry.scope}, ${WHOLE_SCOPE}, 1),
        (${entry.projectId}, ${entry.scope}, ${entry.itemId}, 1)
      ON CONFLICT (project_id, scope, item_id) DO UPDATE SET count = c.count + 1
      RETURNING c.item_id, c.count
    )
    INSERT INTO activity.activity_log (
      id, project_id, organization_id, user_snapshot, is_system, client,
      activity, scope, item_id, detail, created_at, position, item_position
    )
    SELECT
      ${entry.id}::uuid, ${entry.projectId}::integer, ${entry.organizationId}::text, ${toJson(entry.user)}::jsonb,
      ${entry.user === null}::boolean, ${entry.client}::text, ${entry.activity}::text, ${entry.scope}::text,
      ${entry.itemId}::text, ${toJson(entry.detail)}::jsonb, ${entry.createdAt}::timestamptz,
      (SELECT count FROM counted WHERE item_id = ${WHOLE_SCOPE}),
      (SELECT count FROM counted WHERE item_id = ${entry.itemId})`.execute(trx);
}

function toJson(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}
