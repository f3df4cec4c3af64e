import type { Insight, ProjectQuerySettings, QueryResponse, RefreshMode } from '@insights/contracts';
import { normalizedQueryKey, QueryError } from '@insights/query-engine';
import type { Logger } from 'pino';
import { answerForQueryFailure } from '../queries/query-failures.js';
import { readCachedResults } from '../queries/results-cache.js';
import { freshCachedAnswer, type QueryDeps, runCachedQuery, servedFromCache } from '../queries/run-cached-query.js';
import type { InsightsDeps } from '../trpc.js';
import type { InsightRow } from './insight-row.js';

/** The result fields of the full insight serializer (spec query-results §9). */
export type InsightResultFields = Pick<
  Insight,
  | 'result'
  | 'hasMore'
  | 'columns'
  | 'types'
  | 'last_refresh'
  | 'is_cached'
  | 'cache_target_age'
  | 'next_allowed_client_refresh'
  | 'query_status'
  | 'timezone'
  | 'resolved_date_range'
  | 'filters_hash'
>;

/** No results: nothing cached under `force_cache`, or an insight without a query. */
export function noResults(filtersHash: string | null = null, timezone: string | null = null): InsightResultFields {
  return {
    result: null,
    hasMore: null,
    columns: null,
    types: null,
    last_refresh: null,
    is_cached: false,
    cache_target_age: null,
    next_allowed_client_refresh: null,
    query_status: null,
    timezone,
    resolved_date_range: null,
    filters_hash: filtersHash,
  };
}

/** Maps a query response onto the insight's fields (spec §9's table). */
function fromResponse(body: QueryResponse, refreshRequested: boolean, teamTimezone: string): InsightResultFields {
  const extra = body as Record<string, unknown>;
  return {
    result: body.results ?? null,
    hasMore: typeof extra.hasMore === 'boolean' ? extra.hasMore : null,
    columns: Array.isArray(extra.columns) ? extra.columns : null,
    types: Array.isArray(extra.types) ? extra.types : null,
    last_refresh: body.last_refresh ?? null,
    is_cached: body.is_cached ?? false,
    cache_target_age: body.cache_target_age ?? null,
    next_allowed_client_refresh: body.next_allowed_client_refresh ?? null,
    query_status: (body.query_status ?? null) as InsightResultFields['query_status'],
    timezone: refreshRequested ? teamTimezone : (body.timezone ?? null),
    resolved_date_range: (extra.resolved_date_range ?? null) as InsightResultFields['resolved_date_range'],
    filters_hash: body.cache_key,
  };
}

function cacheKeyOf(row: InsightRow, settings: ProjectQuerySettings): string | null {
  if (!row.query) return null;
  try {
    return normalizedQueryKey(row.query, settings, row.project_id);
  } catch (error) {
    if (error instanceof QueryError) return null;
    throw error;
  }
}

export interface InsightResultsRequest {
  mode: RefreshMode;
  settings: ProjectQuerySettings;
  clientQueryId: string | null;
  /** A retrieve answers the engine's refusal as a 400; a list puts it in the insight's `query_status`. */
  failuresAs: 'error' | 'status';
}

/**
 * The results of each insight's query, as the serializer shows them. `force_cache` (the default of insight reads)
 * looks every insight up in one statement and never computes; the other modes run each query through the cache.
 */
export async function insightResults(
  deps: InsightsDeps & { log: Logger },
  rows: readonly InsightRow[],
  request: InsightResultsRequest,
): Promise<Map<number, InsightResultFields>> {
  const results = new Map<number, InsightResultFields>();
  const keys = new Map(rows.map((row) => [row.id, cacheKeyOf(row, request.settings)]));
  const refreshRequested = request.mode !== 'force_cache';
  if (!refreshRequested) {
    const cached = await readCachedResults(
      deps.db,
      rows[0]?.project_id ?? -1,
      [...keys.values()].filter((key): key is string => key !== null),
    );
    for (const row of rows) {
      const key = keys.get(row.id) ?? null;
      const entry = key ? cached.get(key) : undefined;
      if (!key || !entry) {
        results.set(row.id, noResults(key));
        continue;
      }
      results.set(row.id, fromResponse(servedFromCache(entry, key), false, request.settings.timezone));
    }
    return results;
  }
  const queryDeps: QueryDeps = { db: deps.db, queryPool: deps.queryPool, log: deps.log };
  for (const row of rows) {
    if (!row.query || !keys.get(row.id)) {
      results.set(row.id, noResults(null, request.settings.timezone));
      continue;
    }
    try {
      const answer = await runCachedQuery(queryDeps, {
        projectId: row.project_id,
        settings: request.settings,
        node: row.query,
        mode: request.mode,
        clientQueryId: request.clientQueryId,
        insightId: row.id,
      });
      results.set(row.id, fromResponse(answer.body, true, request.settings.timezone));
    } catch (error) {
      if (request.failuresAs === 'error') throw answerForQueryFailure(error);
      const detail = (error as { body?: { detail?: string } }).body?.detail ?? 'The query failed.';
      results.set(row.id, {
        ...noResults(keys.get(row.id) ?? null, request.settings.timezone),
        query_status: {
          id: request.clientQueryId ?? keys.get(row.id) ?? String(row.id),
          query_async: true,
          team_id: row.project_id,
          insight_id: row.id,
          dashboard_id: null,
          error: true,
          complete: true,
          error_message: detail,
        },
      });
    }
  }
  return results;
}

/**
 * The insight's results as a read in any of the FRESH_CACHE_FIRST_MODES shows them when nothing needs computing (no
 * query, or none the engine has a cache key for, as `insightResults` treats them; or a fresh cached result); null when
 * its query would have to run.
 */
export async function freshInsightResults(
  deps: Pick<QueryDeps, 'db'>,
  row: InsightRow,
  settings: ProjectQuerySettings,
): Promise<InsightResultFields | null> {
  if (!row.query || !cacheKeyOf(row, settings)) return noResults(null, settings.timezone);
  const answer = await freshCachedAnswer(deps, {
    projectId: row.project_id,
    settings,
    node: row.query,
    clientQueryId: null,
  });
  return answer ? fromResponse(answer.body, true, settings.timezone) : null;
}
