import { z } from 'zod';
import { readTags } from '../tag-store.js';
import { authedProcedure } from '../trpc.js';

/** The tags of a whole page of insights in one call: `{ [insightId]: sortedTags }`. */
export const tagsFor = authedProcedure
  .input(z.object({ insightIds: z.array(z.number().int()).max(10_000) }))
  .query(async ({ input, ctx }) => {
    const tags = await readTags(ctx.deps.db, ctx.principal.projectId ?? -1, input.insightIds);
    return Object.fromEntries(input.insightIds.map((id) => [id, tags.get(id) ?? []])) as Record<string, string[]>;
  });
