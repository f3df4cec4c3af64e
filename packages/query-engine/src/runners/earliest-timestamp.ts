import { type RawBuilder, sql } from 'kysely';
import { EVENT_TABLES } from '../sql/event-tables.js';

/** Floors below which timestamps are treated as corrupt (PostHog: 1980 for a series' events, 2015 team-wide). */
const SERIES_FLOOR = '1980-01-01T00:00:00Z';
const PROJECT_FLOOR = '2015-01-01T00:00:00Z';

/**
 * The earliest event for `date_from: "all"` (§1.5) as epoch microseconds: of the named events (one index probe
 * each), or of any event when `eventNames` is null or contains an all-events series.
 */
export function earliestTimestampSql(
  schema: string,
  projectId: number,
  eventNames: readonly (string | null)[] | null,
): RawBuilder<{ earliest: number | null }> {
  const table = sql.id(schema, EVENT_TABLES.event);
  const epochMicros = (value: RawBuilder<unknown>) => sql`(extract(epoch FROM ${value}) * 1000000)::float8`;
  if (eventNames === null || eventNames.some((name) => name === null)) {
    const floor = eventNames === null ? PROJECT_FLOOR : SERIES_FLOOR;
    return sql`SELECT ${epochMicros(sql`min(e.timestamp)`)} AS earliest FROM ${table} e
      WHERE e.project_id = ${projectId}::int AND e.timestamp > ${floor}::timestamptz`;
  }
  const names = [...new Set(eventNames as string[])];
  return sql`SELECT ${epochMicros(sql`min(first.timestamp)`)} AS earliest
    FROM unnest(${names}::text[]) AS names(name)
    CROSS JOIN LATERAL (
      SELECT min(e.timestamp) AS timestamp FROM ${table} e
      WHERE e.project_id = ${projectId}::int AND e.event = names.name AND e.timestamp > ${SERIES_FLOOR}::timestamptz
    ) first`;
}
