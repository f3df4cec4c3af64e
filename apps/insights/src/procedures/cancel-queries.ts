import { z } from 'zod';
import { cancelQueries as cancelRunningQueries } from '../queries/running-queries.js';
import { scopedProcedure } from '../trpc.js';

/**
 * `POST …/insights/cancel/` (spec reference §8): cancels the project's running queries started with this
 * client_query_id, on whichever replica they run; nothing else is told whether any ran.
 */
export const cancelQueries = scopedProcedure('insight:read')
  .input(z.object({ clientQueryId: z.string().max(256) }))
  .mutation(async ({ input, ctx }) => {
    await cancelRunningQueries(ctx.deps.db, ctx.principal.projectId ?? -1, input.clientQueryId);
  });
