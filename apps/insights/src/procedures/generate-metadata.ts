import { metadataRequestProblem } from '@insights/analyst';
import { serviceError } from '@insights/transport';
import { z } from 'zod';
import { assertModelAllowed } from '../model/ai-approval.js';
import { scopedProcedure } from '../trpc.js';

/** `POST …/insights/generate_metadata/` (spec reference §9): a name and a description for `{query}`. */
export const generateMetadata = scopedProcedure('insight:write')
  .input(z.object({ body: z.unknown(), aiDataProcessingApproved: z.boolean() }))
  .mutation(async ({ input, ctx }) => {
    const problem = metadataRequestProblem(input.body);
    if (problem) throw serviceError('BAD_REQUEST', problem);
    assertModelAllowed(ctx.deps.analyst, input.aiDataProcessingApproved);
    return ctx.deps.analyst.generateMetadata({
      query: (input.body as { query: unknown }).query,
      teamId: ctx.principal.projectId ?? -1,
      requestId: ctx.requestId,
    });
  });
