import { ProjectQuerySettings, RefreshMode } from '@insights/contracts';
import { z } from 'zod';
import { answerForQueryFailure } from '../queries/query-failures.js';
import { runCachedQuery } from '../queries/run-cached-query.js';
import { anyScopeProcedure } from '../trpc.js';

/** `POST /query/` (spec §8): a query node run through the results cache in the given refresh mode. */
export const runQuery = anyScopeProcedure(['query:read', 'insight:read'])
  .input(
    z.object({
      query: z.unknown(),
      clientQueryId: z.string().max(256).nullish(),
      refresh: RefreshMode,
      settings: ProjectQuerySettings,
    }),
  )
  .mutation(async ({ input, ctx }) => {
    try {
      return await runCachedQuery(
        { db: ctx.deps.db, queryPool: ctx.deps.queryPool, log: ctx.log },
        {
          projectId: ctx.principal.projectId ?? -1,
          settings: input.settings,
          node: input.query,
          mode: input.refresh,
          clientQueryId: input.clientQueryId ?? null,
        },
      );
    } catch (error) {
      throw answerForQueryFailure(error);
    }
  });
