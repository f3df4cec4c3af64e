import { ProjectQuerySettings, RefreshMode } from '@insights/contracts';
import { z } from 'zod';
import { freshInsightResults, type InsightResultFields, insightResults, noResults } from '../model/insight-results.js';
import type { InsightForRead } from '../model/load-insight-for-read.js';
import { readableInsight } from '../model/readable-insight.js';
import { serializeInsight } from '../model/serialize-insight.js';
import { scopedProcedure } from '../trpc.js';

function serializeWithResults(found: InsightForRead, results: InsightResultFields) {
  return serializeInsight(found.row, { tags: found.row.tags, users: found.users, level: found.level, results });
}

/**
 * One insight by id or short_id, with the results of its query (spec query-results §9: `force_cache` unless a refresh
 * is asked for); 404 when unknown or deleted, 403 when the principal has no viewer access to it. The row (with its
 * tags), the access level and the users come in one statement; cached results in one more.
 */
export const retrieveInsight = scopedProcedure('insight:read')
  .input(
    z.object({
      id: z.string().min(1).max(64),
      refresh: RefreshMode.default('force_cache'),
      settings: ProjectQuerySettings.optional(),
      clientQueryId: z.string().max(256).nullish(),
    }),
  )
  .query(async ({ input, ctx }) => {
    const found = await readableInsight(ctx.deps.db, ctx.principal, input.id);
    const results = input.settings
      ? await insightResults({ ...ctx.deps, log: ctx.log }, [found.row], {
          mode: input.refresh,
          settings: input.settings,
          clientQueryId: input.clientQueryId ?? null,
          failuresAs: 'error',
        })
      : new Map();
    return serializeWithResults(found, results.get(found.row.id) ?? noResults());
  });

/**
 * What `retrieve` answers in any of the FRESH_CACHE_FIRST_MODES when nothing needs computing; null when the insight's
 * query would have to run. The gateway asks this before it coordinates a computation with the other replicas, so a
 * read of fresh results costs no coordination. The same 404 and 403.
 */
export const retrieveIfFresh = scopedProcedure('insight:read')
  .input(z.object({ id: z.string().min(1).max(64), settings: ProjectQuerySettings }))
  .query(async ({ input, ctx }) => {
    const found = await readableInsight(ctx.deps.db, ctx.principal, input.id);
    const results = await freshInsightResults(ctx.deps, found.row, input.settings);
    return results ? serializeWithResults(found, results) : null;
  });
