import { type Kysely, sql } from 'kysely';

/** Properties every SDK event carries or that identify rather than describe: no insight is broken down by them. */
const NOT_DIMENSIONS = new Set([
  'token',
  'distinct_id',
  '$lib',
  '$lib_version',
  '$set',
  '$set_once',
  '$unset',
  '$anon_distinct_id',
  '$session_id',
  '$window_id',
  '$insert_id',
  '$time',
  '$sent_at',
  '$is_server',
  '$geoip_disable',
  '$ip',
  '$current_url',
  'alias',
]);

/** How many of an event's latest occurrences are looked at. */
const SAMPLE = 2_000;

/**
 * The event properties most often present on the latest occurrences of `event` (or of any event), most frequent first:
 * what a "break it down by …" suggestion can use. One statement over an index range.
 */
export async function commonEventProperties(
  db: Kysely<any>,
  projectId: number,
  event: string | null,
): Promise<string[]> {
  const { rows } = await sql<{ key: string }>`
    SELECT key FROM (
      SELECT jsonb_object_keys(properties) AS key FROM insights.event
      WHERE project_id = ${projectId} ${event === null ? sql`` : sql`AND event = ${event}`}
      ORDER BY timestamp DESC LIMIT ${SAMPLE}
    ) keys
    GROUP BY key ORDER BY count(*) DESC, key LIMIT 20`.execute(db);
  return rows.map((row) => row.key).filter((key) => !NOT_DIMENSIONS.has(key));
}
