import { ProjectQuerySettings, RefreshMode } from '@insights/contracts';
import { noAccessDetail } from '@insights/scope-auth';
import { notFoundError, permissionDeniedError } from '@insights/transport';
import { z } from 'zod';
import { canAccess } from '../model/access-levels.js';
import { insightResults, noResults } from '../model/insight-results.js';
import { loadInsightForRead } from '../model/load-insight-for-read.js';
import { serializeInsight } from '../model/serialize-insight.js';
import { scopedProcedure } from '../trpc.js';

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
    const found = await loadInsightForRead(ctx.deps.db, ctx.principal, input.id);
    if (!found) throw notFoundError();
    if (!canAccess(found.level, 'viewer')) throw permissionDeniedError(noAccessDetail('viewer'));
    const results = input.settings
      ? await insightResults({ ...ctx.deps, log: ctx.log }, [found.row], {
          mode: input.refresh,
          settings: input.settings,
          clientQueryId: input.clientQueryId ?? null,
          failuresAs: 'error',
        })
      : new Map();
    return serializeInsight(found.row, {
      tags: found.row.tags,
      users: found.users,
      level: found.level,
      results: results.get(found.row.id) ?? noResults(),
    });
  });
