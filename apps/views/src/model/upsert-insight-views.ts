import { intArrayLiteral } from '@insights/db';
import { type Kysely, sql } from 'kysely';
import { upsertUserProfile, type ViewerProfile } from './user-profile.js';

export interface InsightViews {
  projectId: number;
  viewer: ViewerProfile;
  insightIds: readonly number[];
  viewedAt: Date;
}

/**
 * Records that `viewer` viewed these insights at `viewedAt`, and remembers the viewer's profile, in ONE statement
 * whatever the number of ids. A view time never moves backwards: an older view (a creation event delivered late)
 * leaves a newer one in place. Ids are deduplicated and sorted, so concurrent requests lock rows in the same order.
 */
export async function upsertInsightViews(db: Kysely<any>, views: InsightViews): Promise<void> {
  const insightIds = [...new Set(views.insightIds)].sort((a, b) => a - b);
  if (insightIds.length === 0) return;
  await sql`
    WITH viewer AS (${upsertUserProfile(views.viewer)})
    INSERT INTO views.insight_viewed (project_id, user_id, insight_id, last_viewed_at)
    SELECT ${views.projectId}, ${views.viewer.id}, viewed.insight_id, ${views.viewedAt}
    FROM unnest(${intArrayLiteral(insightIds)}::int[]) AS viewed(insight_id)
    ON CONFLICT (project_id, user_id, insight_id)
    DO UPDATE SET last_viewed_at = GREATEST(views.insight_viewed.last_viewed_at, EXCLUDED.last_viewed_at)`.execute(db);
}
