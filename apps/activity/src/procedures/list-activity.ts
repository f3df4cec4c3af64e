import { ACTIVITY_MAX_LIMIT } from '@insights/contracts';
import { z } from 'zod';
import { readActivityPage } from '../log/read-page.js';
import { type SerializedActivityEntry, serializeActivityEntry } from '../log/serialize-entry.js';
import { scopedProcedure } from '../trpc.js';

/**
 * A page of the principal's project's activity in one scope (or one item of it), newest first, with the total.
 * A page past the end is empty; the caller builds `next`/`previous` from the total.
 */
export const listActivity = scopedProcedure('activity_log:read')
  .input(
    z.object({
      scope: z.string().min(1).max(79),
      itemId: z.string().min(1).max(72).optional(),
      limit: z.number().int().min(1).max(ACTIVITY_MAX_LIMIT),
      page: z.number().int().min(1),
    }),
  )
  .query(async ({ input, ctx }): Promise<{ results: SerializedActivityEntry[]; total_count: number }> => {
    const { rows, total } = await readActivityPage(ctx.deps.db, {
      projectId: ctx.principal.projectId ?? -1,
      scope: input.scope,
      itemId: input.itemId,
      limit: input.limit,
      page: input.page,
    });
    return { results: rows.map(serializeActivityEntry), total_count: total };
  });
