import pg from 'pg';

export interface ActivitySeed {
  databaseUrl: string;
  projectId: number;
  organizationId: string | null;
  /** The actor every entry names, as the activity service snapshots it. */
  actor: { first_name: string; email: string };
  /** The insights the entries are about, round robin: entry n is about insight n mod count. */
  insightIds: readonly number[];
  entries: number;
}

const SCOPE = 'Insight';
/** The counter row of a whole scope (apps/activity WHOLE_SCOPE). */
const WHOLE_SCOPE = '';
const SECONDS_BETWEEN_ENTRIES = 30;

/**
 * Loads a project's insight activity log straight into the activity service's tables, as its appends would have left
 * it (apps/activity/src/log/append-entry.ts): positions dense 1…N in insertion order, each item's positions dense
 * 1…k in the same order, created_at growing with the position, and the counter rows of the scope and of every item
 * equal to the number of entries. Each insight's first entry is `created`, the others `updated` with a name change.
 * Two statements whatever the number of entries; the project must have no activity yet.
 */
export async function seedActivity(seed: ActivitySeed): Promise<void> {
  if (seed.insightIds.length === 0) throw new Error('seedActivity needs insights');
  const client = new pg.Client({ connectionString: seed.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const existing = await client.query(
      'SELECT 1 FROM activity.activity_count WHERE project_id = $1 AND scope = $2 LIMIT 1',
      [seed.projectId, SCOPE],
    );
    if (existing.rowCount) throw new Error('seedActivity needs a project without activity');
    await client.query(
      `WITH entry AS (
         SELECT n, ($4::int[])[1 + (n - 1) % cardinality($4::int[])] AS insight_id,
           (n - 1) / cardinality($4::int[]) + 1 AS item_position
         FROM generate_series(1, $5::int) AS n
       )
       INSERT INTO activity.activity_log (id, project_id, organization_id, user_snapshot, is_system, client, activity,
         scope, item_id, detail, created_at, position, item_position)
       SELECT gen_random_uuid(), $1, $2, $3::jsonb, false, NULL,
         CASE WHEN e.item_position = 1 THEN 'created' ELSE 'updated' END,
         '${SCOPE}', e.insight_id::text,
         jsonb_build_object(
           'name', coalesce(i.name, i.derived_name), 'short_id', i.short_id, 'type', NULL, 'trigger', NULL,
           'changes', CASE WHEN e.item_position = 1 THEN NULL ELSE jsonb_build_array(jsonb_build_object(
             'type', 'Insight', 'action', 'changed', 'field', 'name',
             'before', 'Draft ' || (e.item_position - 1) || ' of ' || coalesce(i.name, i.derived_name),
             'after', 'Draft ' || e.item_position || ' of ' || coalesce(i.name, i.derived_name))) END),
         now() - make_interval(secs => ($5::int - e.n) * ${SECONDS_BETWEEN_ENTRIES}),
         e.n, e.item_position
       FROM entry e
       JOIN insights.insight i ON i.id = e.insight_id`,
      [seed.projectId, seed.organizationId, JSON.stringify(seed.actor), seed.insightIds, seed.entries],
    );
    // Insight j (1-based) of k has the entries j, j + k, j + 2k, … up to N: (N - j) / k + 1 of them.
    await client.query(
      `INSERT INTO activity.activity_count (project_id, scope, item_id, count)
       SELECT $1::int, '${SCOPE}', '${WHOLE_SCOPE}', $3::bigint
       UNION ALL
       SELECT $1::int, '${SCOPE}', u.insight_id::text, ($3::int - u.j) / cardinality($2::int[]) + 1
       FROM unnest($2::int[]) WITH ORDINALITY AS u(insight_id, j)
       WHERE u.j <= $3::int`,
      [seed.projectId, seed.insightIds, seed.entries],
    );
    await client.query('COMMIT');
    // Hint bits and statistics now, not during the first measured reads.
    await client.query('VACUUM (ANALYZE) activity.activity_log, activity.activity_count');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
