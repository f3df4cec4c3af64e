import { z } from 'zod';
import { normalizeTags } from '../normalize-tags.js';
import { lockProjectTags } from '../project-lock.js';
import { replaceTags } from '../tag-store.js';
import { authedProcedure } from '../trpc.js';

/** Sets the tags of many insights at once (each to its own list); used to undo a bulk change that could not be recorded. */
export const setMany = authedProcedure
  .input(
    z.object({
      entries: z.array(z.object({ insightId: z.number().int(), tags: z.array(z.string().max(255)) })).max(500),
    }),
  )
  .mutation(async ({ input, ctx }) => {
    const projectId = ctx.principal.projectId ?? -1;
    await ctx.deps.db.transaction().execute(async (trx) => {
      await lockProjectTags(trx, projectId);
      await replaceTags(trx, projectId, new Map(input.entries.map((e) => [e.insightId, normalizeTags(e.tags)])));
    });
  });
