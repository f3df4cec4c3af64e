import { notFoundError } from '@insights/transport';
import { z } from 'zod';
import { queryStatusOf } from '../queries/run-cached-query.js';
import { anyScopeProcedure } from '../trpc.js';

/** `GET /query/:id/`: the status of one of the project's asynchronous queries (spec §8.3). */
export const queryStatus = anyScopeProcedure(['query:read', 'insight:read'])
  .input(z.object({ id: z.string().min(1).max(256) }))
  .query(async ({ input, ctx }) => {
    const status = await queryStatusOf(ctx.deps.db, ctx.principal.projectId ?? -1, input.id);
    if (!status) throw notFoundError();
    return status;
  });
