import { z } from 'zod';
import { normalizeTags } from '../normalize-tags.js';
import { lockProjectTags } from '../project-lock.js';
import { readTags, replaceTags } from '../tag-store.js';
import { authedProcedure } from '../trpc.js';

/** Sets one insight's tags (idempotent); answers the tags before and after, so the caller can restore them. */
export const setTags = authedProcedure
  .input(z.object({ insightId: z.number().int(), tags: z.array(z.string().max(255)).max(1000) }))
  .mutation(async ({ input, ctx }) => {
    const projectId = ctx.principal.projectId ?? -1;
    const after = normalizeTags(input.tags);
    return ctx.deps.db.transaction().execute(async (trx) => {
      await lockProjectTags(trx, projectId);
      const before = (await readTags(trx, projectId, [input.insightId])).get(input.insightId) ?? [];
      await replaceTags(trx, projectId, new Map([[input.insightId, after]]));
      return { before, after };
    });
  });
