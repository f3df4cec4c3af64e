import { noAccessDetail } from '@insights/scope-auth';
import { notFoundError, permissionDeniedError } from '@insights/transport';
import { z } from 'zod';
import { canAccess, effectiveLevel } from '../model/access-levels.js';
import { findInsight } from '../model/find-insight.js';
import { readerAccessFields } from '../model/serialize-insight.js';
import { authedProcedure } from '../trpc.js';

/**
 * Resolves an id or short_id to a live insight the principal may access at `level`: 404 unknown, 403 no access.
 * Coalescing followers make their object-level check with it.
 */
export const checkAccess = authedProcedure
  .input(z.object({ id: z.string().min(1).max(64), level: z.enum(['viewer', 'editor']) }))
  .query(async ({ input, ctx }) => {
    const row = await findInsight(ctx.deps.db, ctx.principal.projectId ?? -1, input.id);
    if (!row) throw notFoundError();
    const level = await effectiveLevel(ctx.deps.db, ctx.principal, row.id);
    if (!canAccess(level, input.level)) throw permissionDeniedError(noAccessDetail(input.level));
    // With the reader's own access fields, so an answer another reader computed can be shown to this one.
    return { id: row.id, short_id: row.short_id, ...readerAccessFields(level) };
  });
