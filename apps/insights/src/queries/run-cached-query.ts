import { randomUUID } from 'node:crypto';
import type { ProjectQuerySettings, QueryResponse, QueryStatus, RefreshMode } from '@insights/contracts';
import { cachePolicy, normalizedQueryKey, type QueryResult, runQuery } from '@insights/query-engine';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import { INSIGHTS_SCHEMA } from '../db/database.js';
import { pgQueryBackend } from './pg-query-backend.js';
import { readQueryStatus, writeQueryStatus } from './query-status-store.js';
import { type CachedResult, cacheTargetAge, isFresh, readCachedResults, writeCachedResult } from './results-cache.js';
import { resultsDbOf } from './results-db.js';

export interface QueryDeps {
  db: Kysely<any>;
  /** Connections whose sessions carry the statement timeout; queries run only there. */
  queryPool: pg.Pool;
  log: Logger;
}

export interface QueryRun {
  projectId: number;
  settings: ProjectQuerySettings;
  node: unknown;
  mode: RefreshMode;
  /** The client's id for cancel and status polling; a fresh uuid when it sent none. */
  clientQueryId: string | null;
  insightId?: number | null;
}

export interface QueryAnswer {
  status: 200 | 202;
  body: QueryResponse;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** A result with spec §7.1's cache envelope. */
function envelope(
  entry: Pick<CachedResult, 'response' | 'lastRefresh' | 'targetAgeSeconds' | 'refreshFrequencySeconds'>,
  cacheKey: string,
  isCached: boolean,
  queryStatus: QueryStatus | null = null,
): QueryResponse {
  const { results, ...rest } = entry.response;
  return {
    results,
    ...rest,
    is_cached: isCached,
    last_refresh: iso(entry.lastRefresh),
    next_allowed_client_refresh: iso(new Date(entry.lastRefresh.getTime() + entry.refreshFrequencySeconds * 1000)),
    cache_target_age: iso(cacheTargetAge(entry as CachedResult)),
    cache_key: cacheKey,
    query_status: queryStatus,
    calculation_trigger: null,
    query_metadata: null,
  };
}

/** Runs the query now, through the engine, and caches what it returns. */
async function compute(deps: QueryDeps, run: QueryRun, cacheKey: string, signal?: AbortSignal): Promise<QueryResponse> {
  const lastRefresh = new Date();
  const backend = pgQueryBackend({
    pool: deps.queryPool,
    db: deps.db,
    projectId: run.projectId,
    clientQueryId: run.clientQueryId ?? randomUUID(),
    startedAt: lastRefresh,
  });
  const response: QueryResult = await runQuery(run.node, {
    project: run.settings,
    projectId: run.projectId,
    now: lastRefresh,
    schema: INSIGHTS_SCHEMA,
    backend,
    signal,
  });
  const policy = cachePolicy(run.node, run.settings, lastRefresh);
  if (!response.error) {
    await writeCachedResult(resultsDbOf(deps.queryPool), {
      projectId: run.projectId,
      cacheKey,
      response,
      lastRefresh,
      policy,
    });
  }
  return envelope(
    {
      response,
      lastRefresh,
      targetAgeSeconds: policy.targetAgeSeconds,
      refreshFrequencySeconds: policy.refreshFrequencySeconds,
    },
    cacheKey,
    false,
  );
}

/**
 * Starts computing in the background and records its status (id: the client_query_id, else the cache key) where any
 * replica can answer `GET /query/:id/`. The status is complete, with the results, once the computation is.
 */
async function enqueue(deps: QueryDeps, run: QueryRun, cacheKey: string): Promise<QueryStatus> {
  const startedAt = new Date();
  const status: QueryStatus = {
    id: run.clientQueryId ?? cacheKey,
    query_async: true,
    team_id: run.projectId,
    insight_id: run.insightId ?? null,
    dashboard_id: null,
    error: false,
    complete: false,
    error_message: null,
    start_time: startedAt.toISOString(),
    end_time: null,
    expiration_time: new Date(startedAt.getTime() + 3_600_000).toISOString(),
  };
  await writeQueryStatus(deps.db, run.projectId, status);
  void compute(deps, run, cacheKey)
    .then((results) =>
      writeQueryStatus(deps.db, run.projectId, {
        ...status,
        complete: true,
        results,
        end_time: new Date().toISOString(),
      }),
    )
    .catch(async (error: unknown) => {
      deps.log.warn({ err: error, queryId: status.id }, 'asynchronous query failed');
      const message = (error as { body?: { detail?: string } }).body?.detail ?? 'The query failed.';
      await writeQueryStatus(deps.db, run.projectId, {
        ...status,
        complete: true,
        error: true,
        error_message: message,
        end_time: new Date().toISOString(),
      }).catch(() => undefined);
    });
  return status;
}

/** A cached result as it is served: with the envelope, `is_cached: true`. */
export function servedFromCache(entry: CachedResult, cacheKey: string): QueryResponse {
  return envelope(entry, cacheKey, true);
}

/** The cache-miss body of spec §7.2: no results, the key and the status of what was enqueued, if anything. */
function cacheMiss(cacheKey: string, queryStatus: QueryStatus | null): QueryResponse {
  return { cache_key: cacheKey, query_status: queryStatus };
}

/**
 * One query through the results cache, in the refresh mode of spec §7.2: fresh cached results are served as they
 * are; `blocking` computes when there are none; `force_blocking` always computes; the async modes answer at once
 * (stale results or a cache miss) and compute in the background (202 while the status is incomplete); `force_cache`
 * never computes.
 */
export async function runCachedQuery(deps: QueryDeps, run: QueryRun, signal?: AbortSignal): Promise<QueryAnswer> {
  const cacheKey = normalizedQueryKey(run.node, run.settings, run.projectId);
  const now = new Date();
  const needsCache = run.mode !== 'force_blocking' && run.mode !== 'force_async';
  const cached = needsCache ? (await readCachedResults(deps.db, run.projectId, [cacheKey])).get(cacheKey) : undefined;
  const served = (entry: CachedResult, status: QueryStatus | null = null) => cachedAnswer(entry, cacheKey, status);

  switch (run.mode) {
    case 'force_cache':
      return cached ? served(cached) : { status: 200, body: cacheMiss(cacheKey, null) };
    case 'force_blocking':
      return { status: 200, body: await compute(deps, run, cacheKey, signal) };
    case 'force_async':
      return { status: 202, body: { cache_key: cacheKey, query_status: await enqueue(deps, run, cacheKey) } };
    case 'blocking':
      if (cached && isFresh(cached, now)) return served(cached);
      return { status: 200, body: await compute(deps, run, cacheKey, signal) };
    case 'async_except_on_cache_miss':
      if (!cached) return { status: 200, body: await compute(deps, run, cacheKey, signal) };
      if (isFresh(cached, now)) return served(cached);
      return served(cached, await enqueue(deps, run, cacheKey));
    case 'async':
    case 'lazy_async': {
      const lazy = run.mode === 'lazy_async';
      if (cached && isFresh(cached, now, lazy)) return served(cached);
      const status = await enqueue(deps, run, cacheKey);
      return cached ? served(cached, status) : { status: 202, body: cacheMiss(cacheKey, status) };
    }
  }
}

function cachedAnswer(entry: CachedResult, cacheKey: string, status: QueryStatus | null = null): QueryAnswer {
  return { status: status && !status.complete ? 202 : 200, body: envelope(entry, cacheKey, true, status) };
}

/**
 * What `runCachedQuery` answers in any of the FRESH_CACHE_FIRST_MODES when the query's cached result is fresh; null when
 * it is not (or there is none), and nothing is computed. A caller that coordinates computations (the gateway's
 * coalescing) asks this first and coordinates only the misses.
 */
export async function freshCachedAnswer(
  deps: Pick<QueryDeps, 'db'>,
  run: Omit<QueryRun, 'mode'>,
): Promise<QueryAnswer | null> {
  const cacheKey = normalizedQueryKey(run.node, run.settings, run.projectId);
  const cached = (await readCachedResults(deps.db, run.projectId, [cacheKey])).get(cacheKey);
  return cached && isFresh(cached, new Date()) ? cachedAnswer(cached, cacheKey) : null;
}

/** `GET /query/:id/`: the status of an asynchronous query of the project, or null when there is none. */
export function queryStatusOf(db: Kysely<any>, projectId: number, queryId: string): Promise<QueryStatus | null> {
  return readQueryStatus(db, projectId, queryId);
}
