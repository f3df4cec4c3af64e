import { INSIGHT_VIEWED_MAX_IDS } from '@insights/contracts';
import { fitsInt4 } from '@insights/db';
import { forwardCall } from '@insights/transport';
import { z } from 'zod';
import { scopedProcedure } from '../trpc.js';

/**
 * `POST …/insights/viewed/` (spec §12): records that the caller viewed these insights now. Ids of other projects,
 * of deleted insights or of insights the caller may not view are dropped silently: insights answers which ids are not
 * visible (one call, usually none), then the others are written, with the views of concurrent requests, in one
 * statement. Nothing is locked while insights answers.
 */
export const recordViews = scopedProcedure('insight:read')
  .input(z.object({ insightIds: z.array(z.number().int()).max(INSIGHT_VIEWED_MAX_IDS) }))
  .mutation(async ({ input, ctx }): Promise<void> => {
    // An id PostgreSQL's integer cannot hold is no insight's: dropped like any unknown id.
    const requested = [...new Set(input.insightIds.filter(fitsInt4))];
    if (requested.length === 0) return;
    const viewedAt = new Date();
    const denied = new Set(
      await ctx.deps.insights.accessible.query({ ids: requested, level: 'viewer', answer: 'denied' }, forwardCall(ctx)),
    );
    await ctx.deps.viewWriter.write({
      projectId: ctx.principal.projectId ?? -1,
      viewer: ctx.principal.user,
      insightIds: denied.size === 0 ? requested : requested.filter((id) => !denied.has(id)),
      viewedAt,
    });
  });
