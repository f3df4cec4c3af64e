import type { CachePolicy, QueryResult } from '@insights/query-engine';
import { type Kysely, sql } from 'kysely';

export interface CachedResult {
  response: QueryResult;
  lastRefresh: Date;
  targetAgeSeconds: number | null;
  lazyTargetAgeSeconds: number | null;
  refreshFrequencySeconds: number;
  periodFrom: Date;
  periodTo: Date;
}

interface CachedRow {
  cache_key: string;
  response: QueryResult;
  last_refresh: Date;
  target_age_seconds: number | null;
  lazy_target_age_seconds: number | null;
  refresh_frequency_seconds: number;
  period_from: Date;
  period_to: Date;
  /** Whether events of the period's days were ingested after the result was computed. */
  period_changed: boolean;
}

function fromRow(row: CachedRow): CachedResult & { periodChanged: boolean } {
  return {
    response: row.response,
    lastRefresh: row.last_refresh,
    targetAgeSeconds: row.target_age_seconds,
    lazyTargetAgeSeconds: row.lazy_target_age_seconds,
    refreshFrequencySeconds: row.refresh_frequency_seconds,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    periodChanged: row.period_changed,
  };
}

/** The cached results of these keys in one statement, each with whether its period received events since. */
export async function readCachedResults(
  db: Kysely<any>,
  projectId: number,
  cacheKeys: readonly string[],
): Promise<Map<string, CachedResult & { periodChanged: boolean }>> {
  if (cacheKeys.length === 0) return new Map();
  const { rows } = await sql<CachedRow>`
    SELECT r.cache_key, r.response, r.last_refresh, r.target_age_seconds, r.lazy_target_age_seconds,
      r.refresh_frequency_seconds, r.period_from, r.period_to,
      EXISTS (
        SELECT 1 FROM insights.event_day_change c
        WHERE c.project_id = r.project_id AND c.changed_at > r.last_refresh
          AND c.day BETWEEN (r.period_from AT TIME ZONE 'UTC')::date AND (r.period_to AT TIME ZONE 'UTC')::date
      ) AS period_changed
    FROM insights.query_result r
    WHERE r.project_id = ${projectId} AND r.cache_key = ANY(${[...cacheKeys]}::text[])`.execute(db);
  return new Map(rows.map((row) => [row.cache_key, fromRow(row)]));
}

export async function writeCachedResult(
  db: Kysely<any>,
  entry: { projectId: number; cacheKey: string; response: QueryResult; lastRefresh: Date; policy: CachePolicy },
): Promise<void> {
  const { policy } = entry;
  await sql`
    INSERT INTO insights.query_result (project_id, cache_key, response, last_refresh, target_age_seconds,
      lazy_target_age_seconds, refresh_frequency_seconds, period_from, period_to)
    VALUES (${entry.projectId}, ${entry.cacheKey}, ${JSON.stringify(entry.response)}::jsonb, ${entry.lastRefresh},
      ${policy.targetAgeSeconds}, ${policy.lazyTargetAgeSeconds}, ${policy.refreshFrequencySeconds},
      ${policy.period.from}, ${policy.period.to})
    ON CONFLICT (project_id, cache_key) DO UPDATE SET response = excluded.response,
      last_refresh = excluded.last_refresh, target_age_seconds = excluded.target_age_seconds,
      lazy_target_age_seconds = excluded.lazy_target_age_seconds,
      refresh_frequency_seconds = excluded.refresh_frequency_seconds, period_from = excluded.period_from,
      period_to = excluded.period_to
    WHERE insights.query_result.last_refresh <= excluded.last_refresh`.execute(db);
}

/**
 * Spec §7.3: a result is fresh until `last_refresh + threshold` (the lazy threshold for lazy modes). A result without
 * a threshold (a range that had ended when it was computed) stays fresh unless events of its period arrived since:
 * late events never leave a past range's answer wrong.
 */
export function isFresh(entry: CachedResult & { periodChanged: boolean }, now: Date, lazy = false): boolean {
  const threshold = lazy ? entry.lazyTargetAgeSeconds : entry.targetAgeSeconds;
  if (threshold === null) return !entry.periodChanged;
  return now.getTime() <= entry.lastRefresh.getTime() + threshold * 1000;
}

/** `cache_target_age`: when the result goes stale; null when it has no threshold. */
export function cacheTargetAge(entry: CachedResult): Date | null {
  return entry.targetAgeSeconds === null ? null : new Date(entry.lastRefresh.getTime() + entry.targetAgeSeconds * 1000);
}
