import { ProjectQuerySettings } from '@insights/contracts';
import { z } from 'zod';
import { answerForQueryFailure } from '../queries/query-failures.js';
import { freshCachedAnswer } from '../queries/run-cached-query.js';
import { anyScopeProcedure } from '../trpc.js';

/**
 * `POST /query/`'s answer when the query's cached result is fresh, or null (then nothing was computed): the gateway
 * asks this before it coordinates a computation with the other replicas, so a cache hit costs no coordination.
 */
export const freshCachedQuery = anyScopeProcedure(['query:read', 'insight:read'])
  .input(z.object({ query: z.unknown(), settings: ProjectQuerySettings }))
  .query(async ({ input, ctx }) => {
    try {
      return await freshCachedAnswer(
        { db: ctx.deps.db },
        { projectId: ctx.principal.projectId ?? -1, settings: input.settings, node: input.query, clientQueryId: null },
      );
    } catch (error) {
      throw answerForQueryFailure(error);
    }
  });
