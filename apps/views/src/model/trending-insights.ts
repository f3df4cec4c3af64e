import type { UserBasic } from '@insights/contracts';
import { type Kysely, sql } from 'kysely';
import type { ViewsDatabase } from '../db/database.js';

export interface TrendingWindow {
  projectId: number;
  /** Views at or after this time count. */
  since: Date;
  limit: number;
  offset: number;
}

export interface TrendingRow {
  insight_id: number;
  /** Viewers whose latest view of the insight falls in the window (one row per user and insight). */
  view_count: number;
  /** The latest view of the insight by anyone, inside the window or not. */
  last_viewed_at: Date;
  /** Up to 3 users with the most recent views in the window, most recent first. */
  viewers: UserBasic[];
}

export const TRENDING_VIEWERS = 3;

/**
 * One page of the project's trending insights, in one statement: live insights (by the events views received)
 * ranked by views in the window, then most recently modified, then newest id so that pages are stable.
 */
export async function trendingInsights(db: Kysely<ViewsDatabase>, window: TrendingWindow): Promise<TrendingRow[]> {
  if (window.limit <= 0) return [];
  const { projectId, since } = window;
  const result = await sql<TrendingRow>`
    WITH counted AS (
      SELECT viewed.insight_id, count(*)::int AS view_count
      FROM views.insight_viewed AS viewed
      WHERE viewed.project_id = ${projectId} AND viewed.last_viewed_at >= ${since}
      GROUP BY viewed.insight_id
    ),
    page AS (
      SELECT counted.insight_id, counted.view_count, state.last_modified_at
      FROM counted
      LEFT JOIN views.insight_state AS state
        ON state.project_id = ${projectId} AND state.insight_id = counted.insight_id
      WHERE state.deleted IS NOT TRUE
      ORDER BY counted.view_count DESC, state.last_modified_at DESC NULLS LAST, counted.insight_id DESC
      OFFSET ${window.offset}
      LIMIT ${window.limit}
    )
    SELECT
      page.insight_id,
      page.view_count,
      (
        SELECT max(latest.last_viewed_at)
        FROM views.insight_viewed AS latest
        WHERE latest.project_id = ${projectId} AND latest.insight_id = page.insight_id
      ) AS last_viewed_at,
      (
        SELECT coalesce(
          json_agg(
            json_build_object(
              'id', recent.id, 'uuid', recent.uuid, 'distinct_id', recent.distinct_id,
              'first_name', recent.first_name, 'last_name', recent.last_name, 'email', recent.email,
              'is_email_verified', recent.is_email_verified, 'hedgehog_config', NULL, 'role_at_organization', NULL
            )
            ORDER BY recent.last_viewed_at DESC, recent.id DESC
          ),
          '[]'::json
        )
        FROM (
          SELECT profile.*, viewer.last_viewed_at
          FROM views.insight_viewed AS viewer
          JOIN views.user_profile AS profile ON profile.id = viewer.user_id
          WHERE viewer.project_id = ${projectId} AND viewer.insight_id = page.insight_id
            AND viewer.last_viewed_at >= ${since}
          ORDER BY viewer.last_viewed_at DESC, viewer.user_id DESC
          LIMIT ${TRENDING_VIEWERS}
        ) AS recent
      ) AS viewers
    FROM page
    ORDER BY page.view_count DESC, page.last_modified_at DESC NULLS LAST, page.insight_id DESC`.execute(db);
  return result.rows;
}
