import pg from 'pg';

export interface InsightSeed {
  databaseUrl: string;
  projectId: number;
  userId: number;
  insights: number;
  tagPool: number;
  tagsPerInsight: number;
}

/**
 * Loads a project's insights, their authors' profiles and their tags straight into the services' tables, with a
 * constant number of set-based statements (generate_series), whatever the number of insights. Returns the ids.
 */
export async function seedInsights(seed: InsightSeed): Promise<number[]> {
  if (seed.tagsPerInsight > seed.tagPool) throw new Error('tagsPerInsight must not exceed tagPool');
  const client = new pg.Client({ connectionString: seed.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // The insights service renders created_by from its own copy of the user, which it normally keeps on writes.
    await client.query(
      `INSERT INTO insights.user_profile (id, uuid, distinct_id, first_name, last_name, email, is_email_verified)
       SELECT id, uuid, distinct_id, first_name, last_name, email, is_email_verified FROM auth."user" WHERE id = $1
       ON CONFLICT (id) DO NOTHING`,
      [seed.userId],
    );
    // One insight in ten keeps legacy filters (and so renders `query: null`); the rest carry a query node.
    // short_id: 'b' + 7 hex digits of the row number, unique and never all digits (it would be read as an id).
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO insights.insight (project_id, short_id, name, derived_name, description, filters, query, "order",
         deleted, saved, favorited, is_sample, dashboards, created_at, created_by, last_modified_at, last_modified_by,
         updated_at)
       SELECT $1, 'b' || lpad(to_hex(g), 7, '0'),
         CASE WHEN g % 5 = 0 THEN NULL ELSE 'Insight ' || g END,
         CASE WHEN g % 5 = 0 THEN 'Pageview count' END,
         CASE WHEN g % 3 = 0 THEN 'Weekly numbers for team ' || (g % 17) ELSE NULL END,
         CASE WHEN g % 10 = 0 THEN jsonb_build_object(
           'insight', 'TRENDS', 'interval', 'day', 'date_from', '-7d',
           'events', jsonb_build_array(jsonb_build_object('id', '$pageview', 'type', 'events', 'order', 0, 'math', 'total')))
         ELSE '{}'::jsonb END,
         CASE WHEN g % 10 = 0 THEN NULL ELSE jsonb_build_object(
           'kind', 'InsightVizNode',
           'source', jsonb_build_object(
             'kind', 'TrendsQuery',
             'series', jsonb_build_array(jsonb_build_object(
               'kind', 'EventsNode',
               'event', (ARRAY['$pageview','$autocapture','signed_up','purchase','$identify'])[1 + g % 5],
               'name', (ARRAY['$pageview','$autocapture','signed_up','purchase','$identify'])[1 + g % 5],
               'math', 'total')),
             'interval', 'day',
             'dateRange', jsonb_build_object('date_from', '-' || (7 + g % 23) || 'd'),
             'trendsFilter', jsonb_build_object('display', 'ActionsLineGraph'),
             'breakdownFilter', jsonb_build_object('breakdown', '$browser', 'breakdown_type', 'event'))) END,
         NULL, false, true, g % 7 = 0, false, '{}'::int[],
         now() - make_interval(mins => g), $2, now() - make_interval(secs => g), $2, now() - make_interval(secs => g)
       FROM generate_series(1, $3::int) AS g
       RETURNING id`,
      [seed.projectId, seed.userId, seed.insights],
    );
    await client.query(
      `INSERT INTO tagging.tag (project_id, name)
       SELECT $1, 'tag-' || lpad(n::text, 2, '0') FROM generate_series(0, $2::int - 1) AS n`,
      [seed.projectId, seed.tagPool],
    );
    // Tag k of insight i is number (7·i + 17·k) mod pool: with a pool of 50, three distinct tags per insight. DISTINCT
    // keeps the primary key safe for pools where two k would land on the same tag.
    await client.query(
      `INSERT INTO tagging.tagged_item (project_id, insight_id, tag_id)
       SELECT DISTINCT i.project_id, i.id, t.id
       FROM insights.insight i
       CROSS JOIN generate_series(0, $2::int - 1) AS k
       JOIN tagging.tag t
         ON t.project_id = i.project_id AND t.name = 'tag-' || lpad(((i.id * 7 + k * 17) % $3::int)::text, 2, '0')
       WHERE i.project_id = $1`,
      [seed.projectId, seed.tagsPerInsight, seed.tagPool],
    );
    // Insights keeps a read copy of each insight's tags, as its own writes would have left it.
    await client.query(
      `UPDATE insights.insight i SET tags = ARRAY(
         SELECT t.name FROM tagging.tagged_item ti JOIN tagging.tag t ON t.id = ti.tag_id
         WHERE ti.project_id = i.project_id AND ti.insight_id = i.id ORDER BY t.name)
       WHERE i.project_id = $1`,
      [seed.projectId],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE insights.insight, insights.user_profile, tagging.tag, tagging.tagged_item');
    return inserted.rows.map((row) => row.id);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
