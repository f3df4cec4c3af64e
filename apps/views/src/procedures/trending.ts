import { TRENDING_MAX_LIMIT, type TrendingInsight } from '@insights/contracts';
import { forwardCall } from '@insights/transport';
import { z } from 'zod';
import { trendingInsights } from '../model/trending-insights.js';
import { scopedProcedure } from '../trpc.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of a window of `days` days ending now; huge windows start at the epoch (before any view). */
export function windowStart(days: number, now: Date = new Date()): Date {
  return new Date(Math.max(0, now.getTime() - days * DAY_MS));
}

/**
 * `GET …/insights/trending/` (spec §11): the project's live insights ranked by how many users viewed them in the
 * last `days` days, then by `last_modified_at`; a page of `limit` from `offset`. Views ranks them in one statement,
 * then insights serializes the page in one call; any it no longer serves (deleted meanwhile) drop out there.
 */
export const trending = scopedProcedure('insight:read')
  .input(
    z.object({
      days: z.number().int().min(0),
      limit: z.number().int().min(0).max(TRENDING_MAX_LIMIT),
      offset: z.number().int().min(0),
    }),
  )
  .query(async ({ input, ctx }): Promise<{ results: TrendingInsight[] }> => {
    const ranked = await trendingInsights(ctx.deps.db, {
      projectId: ctx.principal.projectId ?? -1,
      since: windowStart(input.days),
      limit: input.limit,
      offset: input.offset,
    });
    if (ranked.length === 0) return { results: [] };
    const insights = await ctx.deps.insights.basicByIds.query(
      { ids: ranked.map((row) => row.insight_id), withLastModifiedBy: true },
      forwardCall(ctx),
    );
    const byId = new Map(insights.map((insight) => [insight.id, insight]));
    const results: TrendingInsight[] = [];
    for (const row of ranked) {
      const insight = byId.get(row.insight_id);
      if (!insight) continue;
      results.push({
        ...insight,
        last_viewed_at: row.last_viewed_at.toISOString(),
        view_count: row.view_count,
        viewers: row.viewers,
        last_modified_by: 'last_modified_by' in insight ? (insight.last_modified_by ?? null) : null,
      });
    }
    return { results };
  });
