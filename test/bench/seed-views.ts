import pg from 'pg';

export interface ViewSeed {
  databaseUrl: string;
  projectId: number;
  /** A real user (of auth."user"), who becomes viewer number 0; the other viewers exist only in views' profiles. */
  userId: number;
  insightIds: readonly number[];
  viewers: number;
  views: number;
  /** View times spread evenly over this many days before now. */
  days: number;
}

/** Ids of the made-up viewers, far above any id the admin CLI hands out in a throwaway database. */
const SYNTHETIC_VIEWER_BASE_ID = 1_000_000;

/**
 * Loads a project's views straight into the views service's tables, as its own writes and events would have left them:
 * `views.user_profile` for every viewer, `views.insight_viewed` (one row per viewer and insight, so each viewer sees
 * views / viewers distinct insights, interleaved so that every insight has about the same number of viewers), and
 * `views.insight_state` for every insight (live, with the insight's last_modified_at, as its events would have set it).
 * A constant number of statements. Returns the viewers' ids, the real user first.
 */
export async function seedViews(seed: ViewSeed): Promise<number[]> {
  const perViewer = Math.ceil(seed.views / seed.viewers);
  if (perViewer > seed.insightIds.length) throw new Error('more views per viewer than insights');
  // Viewer u's k-th view is of insight (k·stride + 37·u) mod count: distinct for k < perViewer since stride·perViewer ≤
  // count.
  const stride = Math.floor(seed.insightIds.length / perViewer);
  const client = new pg.Client({ connectionString: seed.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO views.user_profile (id, uuid, distinct_id, first_name, last_name, email, is_email_verified)
       SELECT id, uuid, distinct_id, first_name, last_name, email, is_email_verified FROM auth."user" WHERE id = $1
       UNION ALL
       SELECT $2::int + u, gen_random_uuid(), 'bench-viewer-' || u, 'Viewer', 'Number ' || u,
         'viewer-' || u || '@example.com', false
       FROM generate_series(1, $3::int - 1) AS u
       ON CONFLICT (id) DO NOTHING`,
      [seed.userId, SYNTHETIC_VIEWER_BASE_ID, seed.viewers],
    );
    await client.query(
      `INSERT INTO views.insight_viewed (project_id, user_id, insight_id, last_viewed_at)
       SELECT $1, CASE WHEN n % $4::int = 0 THEN $2::int ELSE $3::int + n % $4::int END,
         ($5::int[])[1 + ((n / $4::int) * $6::int + 37 * (n % $4::int)) % cardinality($5::int[])],
         now() - make_interval(secs => ((n::bigint * 2654435761) % ($8::int * 86400))::int)
       FROM generate_series(0, $7::int - 1) AS n`,
      [
        seed.projectId,
        seed.userId,
        SYNTHETIC_VIEWER_BASE_ID,
        seed.viewers,
        seed.insightIds,
        stride,
        seed.views,
        seed.days,
      ],
    );
    await client.query(
      `INSERT INTO views.insight_state (project_id, insight_id, deleted, last_modified_at, event_at)
       SELECT project_id, id, deleted, last_modified_at, last_modified_at
       FROM insights.insight WHERE project_id = $1 AND id = any($2::int[])
       ON CONFLICT (project_id, insight_id) DO NOTHING`,
      [seed.projectId, seed.insightIds],
    );
    await client.query('COMMIT');
    await client.query('VACUUM (ANALYZE) views.insight_viewed, views.insight_state, views.user_profile');
    return [seed.userId, ...Array.from({ length: seed.viewers - 1 }, (_, u) => SYNTHETIC_VIEWER_BASE_ID + u + 1)];
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
