import { fitsInt4 } from '@insights/db';
import { z } from 'zod';
import { loadInsightsForRead } from '../model/load-insight-for-read.js';
import { serializeInsightBasic } from '../model/serialize-insight.js';
import { authedProcedure } from '../trpc.js';

/**
 * Basic serializations of the given live insights of the principal's project that it may view, in the order asked,
 * at most `limit` of them (insights it may not view, a per-insight `none`, are left out like unknown ones): one call,
 * one statement. With `withLastModifiedBy` each also carries `last_modified_by` (trending needs it). With
 * `asLastViewed` (insight id → the caller's view time) they are as `my_last_viewed` shows them (spec §10): with that
 * view time, and `user_access_level` null (PostHog serializes them without request context).
 */
export const basicByIds = authedProcedure
  .input(
    z.object({
      ids: z.array(z.number().int()).max(10_000),
      withLastModifiedBy: z.boolean().default(false),
      limit: z.number().int().min(1).max(10_000).default(10_000),
      asLastViewed: z.record(z.string(), z.iso.datetime()).optional(),
    }),
  )
  .query(async ({ input, ctx }) => {
    const ids = [...new Set(input.ids.filter(fitsInt4))];
    if (ids.length === 0) return [];
    const found = await loadInsightsForRead(ctx.deps.db, ctx.principal, ids, input.limit);
    return found.map(({ row, level, users }) => {
      const viewedAt = input.asLastViewed?.[row.id];
      const basic = serializeInsightBasic(row, {
        tags: row.tags,
        users,
        level: input.asLastViewed ? null : level,
        lastViewedAt: viewedAt ? new Date(viewedAt) : null,
      });
      if (!input.withLastModifiedBy) return basic;
      const lastModifiedBy = row.last_modified_by === null ? null : (users.get(row.last_modified_by) ?? null);
      return { ...basic, last_modified_by: lastModifiedBy };
    });
  });
