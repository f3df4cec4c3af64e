import { noAccessDetail } from '@insights/scope-auth';
import { notFoundError, permissionDeniedError } from '@insights/transport';
import { z } from 'zod';
import { canAccess, effectiveLevel } from '../model/access-levels.js';
import { findInsight } from '../model/find-insight.js';
import { authedProcedure } from '../trpc.js';

/** Resolves an id or short_id to a live insight the principal may access at `level`: 404 unknown, 403 no access. */
export const checkAccess = authedProcedure
  .input(z.object({ id: z.string().min(1).max(64), level: z.enum(['viewer', 'editor']) }))
  .query(async ({ input, ctx }) => {
    const row = await findInsight(ctx.deps.db, ctx.principal.projectId ?? -1, input.id);
    if (!row) throw notFoundError();
    if (!canAccess(await effectiveLevel(ctx.deps.db, ctx.principal, row.id), input.level)) {
      throw permissionDeniedError(noAccessDetail(input.level));
    }
    return { id: row.id, short_id: row.short_id };
  });
