import { INSIGHT_VIEWED_MAX_IDS } from '@insights/contracts';
import { forwardCall } from '@insights/transport';
import { z } from 'zod';
import { upsertInsightViews } from '../model/upsert-insight-views.js';
import { scopedProcedure } from '../trpc.js';

/**
 * `POST …/insights/viewed/` (spec §12): records that the caller viewed these insights now. Ids of other projects,
 * of deleted insights or of insights the caller may not view are dropped silently: insights answers which ids are
 * visible (one call), then one statement writes all the views.
 */
export const recordViews = scopedProcedure('insight:read')
  .input(z.object({ insightIds: z.array(z.number().int()).max(INSIGHT_VIEWED_MAX_IDS) }))
  .mutation(async ({ input, ctx }): Promise<void> => {
    if (input.insightIds.length === 0) return;
    const requested = [...new Set(input.insightIds)];
    // Insights answers the ids the caller may not view (usually none), so thousands of ids do not travel back.
    const denied = new Set(
      await ctx.deps.insights.accessible.query({ ids: requested, level: 'viewer', answer: 'denied' }, forwardCall(ctx)),
    );
    await upsertInsightViews(ctx.deps.db, {
      projectId: ctx.principal.projectId ?? -1,
      viewer: ctx.principal.user,
      insightIds: denied.size === 0 ? requested : requested.filter((id) => !denied.has(id)),
      viewedAt: new Date(),
    });
  });
