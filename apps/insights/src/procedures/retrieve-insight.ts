import { noAccessDetail } from '@insights/scope-auth';
import { notFoundError, permissionDeniedError } from '@insights/transport';
import { z } from 'zod';
import { canAccess, effectiveLevel } from '../model/access-levels.js';
import { findInsight } from '../model/find-insight.js';
import { renderInsight } from '../model/render-insights.js';
import { scopedProcedure } from '../trpc.js';

/** One insight by id or short_id; 404 when unknown or deleted, 403 when the principal has no viewer access to it. */
export const retrieveInsight = scopedProcedure('insight:read')
  .input(z.object({ id: z.string().min(1).max(64) }))
  .query(async ({ input, ctx }) => {
    const row = await findInsight(ctx.deps.db, ctx.principal.projectId ?? -1, input.id);
    if (!row) throw notFoundError();
    if (!canAccess(await effectiveLevel(ctx.deps.db, ctx.principal, row.id), 'viewer')) {
      throw permissionDeniedError(noAccessDetail('viewer'));
    }
    return renderInsight(ctx, row);
  });
