import type { Principal } from '@insights/scope-auth';
import type pg from 'pg';
import { StepTimes } from './step-times.js';

/** apps/views/src/procedures/last-viewed.ts: twice the 5 shown, spares for insights no longer served. */
const LAST_VIEWED_CANDIDATES = 10;
const TRENDING_VIEWERS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The floors of viewed, my_last_viewed and trending: the statements the views service runs (apps/views/src/model/*)
 * and those its calls to insights run (`accessible`, `basicByIds`: apps/insights/src/procedures/*), the same SQL, one
 * after the other on one bare pg connection, without HTTP, NATS, tRPC, kysely, auth or rendering. `viewedSteps` times
 * the two halves of `recordViews`.
 */
export function viewsFloor(client: pg.Client, principal: Principal) {
  const viewedSteps = new StepTimes();
  const projectId = principal.projectId ?? -1;
  const user = principal.user;

  /** insights' `effectiveLevels`: the user's per-insight overrides of the project level. */
  const accessOverrides = (ids: readonly number[]) =>
    client.query(
      `SELECT insight_id, level FROM insights.object_access
       WHERE project_id = $1 AND user_id = $2 AND insight_id = any($3::int[])`,
      [projectId, user.id, ids],
    );

  /** insights' `basicByIds`: the rows, their authors and the access overrides. */
  const basicByIds = async (ids: readonly number[]) => {
    const { rows } = await client.query<{ id: number; created_by: number | null; last_modified_by: number | null }>(
      'SELECT * FROM insights.insight WHERE project_id = $1 AND deleted = false AND id = any($2::int[])',
      [projectId, ids],
    );
    const authors = [...new Set(rows.flatMap((row) => [row.created_by, row.last_modified_by]))].filter(
      (id): id is number => id !== null,
    );
    if (rows.length > 0) {
      await client.query('SELECT * FROM insights.user_profile WHERE id = any($1::int[])', [authors]);
      await accessOverrides(rows.map((row) => row.id));
    }
    return rows;
  };

  /** `POST …/viewed/`: insights' `accessible` (live ids, overrides), then views' one upsert. */
  const recordViews = async (insightIds: readonly number[]) => {
    const time = viewedSteps.timer();
    const live = await client.query<{ id: number }>(
      'SELECT id FROM insights.insight WHERE project_id = $1 AND deleted = false AND id = any($2::int[])',
      [projectId, [...new Set(insightIds)]],
    );
    const visible = live.rows.map((row) => row.id);
    await accessOverrides(visible);
    time('insights: live ids + access');
    const sorted = [...new Set(visible)].sort((a, b) => a - b);
    if (sorted.length === 0) return;
    await client.query(
      `WITH viewer AS (
         INSERT INTO views.user_profile AS profile (id, uuid, distinct_id, first_name, last_name, email, is_email_verified)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET
           uuid = EXCLUDED.uuid, distinct_id = EXCLUDED.distinct_id, first_name = EXCLUDED.first_name,
           last_name = EXCLUDED.last_name, email = EXCLUDED.email, is_email_verified = EXCLUDED.is_email_verified
         WHERE (profile.uuid, profile.distinct_id, profile.first_name, profile.last_name, profile.email,
                profile.is_email_verified)
           IS DISTINCT FROM (EXCLUDED.uuid, EXCLUDED.distinct_id, EXCLUDED.first_name, EXCLUDED.last_name,
                             EXCLUDED.email, EXCLUDED.is_email_verified))
       INSERT INTO views.insight_viewed (project_id, user_id, insight_id, last_viewed_at)
       SELECT $8, $1, viewed.insight_id, $9
       FROM unnest($10::int[]) AS viewed(insight_id)
       ON CONFLICT (project_id, user_id, insight_id)
       DO UPDATE SET last_viewed_at = GREATEST(views.insight_viewed.last_viewed_at, EXCLUDED.last_viewed_at)`,
      [
        user.id,
        user.uuid,
        user.distinct_id,
        user.first_name,
        user.last_name,
        user.email,
        user.is_email_verified,
        projectId,
        new Date(),
        sorted,
      ],
    );
    time('views: upsert');
  };

  /** `GET …/my_last_viewed/`: views' `recentViews`, then `basicByIds`. */
  const lastViewed = async () => {
    const { rows } = await client.query<{ insight_id: number }>(
      `SELECT viewed.insight_id, viewed.last_viewed_at
       FROM views.insight_viewed AS viewed
       LEFT JOIN views.insight_state AS state
         ON state.project_id = viewed.project_id AND state.insight_id = viewed.insight_id
       WHERE viewed.project_id = $1 AND viewed.user_id = $2 AND state.deleted IS NOT TRUE
       ORDER BY viewed.last_viewed_at DESC, viewed.insight_id DESC
       LIMIT $3`,
      [projectId, user.id, LAST_VIEWED_CANDIDATES],
    );
    if (rows.length === 0) return [];
    return basicByIds(rows.map((row) => row.insight_id));
  };

  /** `GET …/trending/`: views' `trendingInsights` (one statement), then `basicByIds`. */
  const trending = async (page: { days: number; limit: number; offset: number }) => {
    const since = new Date(Math.max(0, Date.now() - page.days * DAY_MS));
    const { rows } = await client.query<{ insight_id: number }>(
      `WITH counted AS (
         SELECT viewed.insight_id, count(*)::int AS view_count
         FROM views.insight_viewed AS viewed
         WHERE viewed.project_id = $1 AND viewed.last_viewed_at >= $2
         GROUP BY viewed.insight_id
       ),
       page AS (
         SELECT counted.insight_id, counted.view_count, state.last_modified_at
         FROM counted
         LEFT JOIN views.insight_state AS state
           ON state.project_id = $1 AND state.insight_id = counted.insight_id
         WHERE state.deleted IS NOT TRUE
         ORDER BY counted.view_count DESC, state.last_modified_at DESC NULLS LAST, counted.insight_id DESC
         OFFSET $3
         LIMIT $4
       )
       SELECT
         page.insight_id,
         page.view_count,
         (
           SELECT max(latest.last_viewed_at)
           FROM views.insight_viewed AS latest
           WHERE latest.project_id = $1 AND latest.insight_id = page.insight_id
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
             WHERE viewer.project_id = $1 AND viewer.insight_id = page.insight_id
               AND viewer.last_viewed_at >= $2
             ORDER BY viewer.last_viewed_at DESC, viewer.user_id DESC
             LIMIT ${TRENDING_VIEWERS}
           ) AS recent
         ) AS viewers
       FROM page
       ORDER BY page.view_count DESC, page.last_modified_at DESC NULLS LAST, page.insight_id DESC`,
      [projectId, since, page.offset, page.limit],
    );
    if (rows.length === 0) return [];
    return basicByIds(rows.map((row) => row.insight_id));
  };

  return { recordViews, lastViewed, trending, viewedSteps };
}
