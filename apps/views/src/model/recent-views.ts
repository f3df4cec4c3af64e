import { type Kysely, sql } from 'kysely';
import type { ViewsDatabase } from '../db/database.js';

export interface RecentView {
  insight_id: number;
  last_viewed_at: Date;
}

/**
 * One user's most recent views in a project, newest first, leaving out insights the events said are deleted.
 * An insight views has not heard of yet counts as live: insights itself drops it later if it is not.
 */
export async function recentViews(
  db: Kysely<ViewsDatabase>,
  projectId: number,
  userId: number,
  limit: number,
): Promise<RecentView[]> {
  return (
    db
      .selectFrom('views.insight_viewed as viewed')
      .leftJoin('views.insight_state as state', (join) =>
        join.onRef('state.project_id', '=', 'viewed.project_id').onRef('state.insight_id', '=', 'viewed.insight_id'),
      )
      .select(['viewed.insight_id', 'viewed.last_viewed_at'])
      .where('viewed.project_id', '=', projectId)
      .where('viewed.user_id', '=', userId)
      .where(sql<boolean>`state.deleted IS NOT TRUE`)
      .orderBy('viewed.last_viewed_at', 'desc')
      .orderBy('viewed.insight_id', 'desc')
      // A literal, not a parameter: with a known limit the prepared statement's generic plan is the good one, and it
      // is planned once instead of on every call.
      .limit(sql.lit(limit))
      .execute()
  );
}
