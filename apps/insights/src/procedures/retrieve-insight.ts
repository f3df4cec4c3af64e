import { noAccessDetail } from '@insights/scope-auth';
import { notFoundError, permissionDeniedError } from '@insights/transport';
import { z } from 'zod';
import { canAccess } from '../model/access-levels.js';
import { loadInsightForRead } from '../model/load-insight-for-read.js';
import { PROJECT_TIMEZONE } from '../model/render-insights.js';
import { serializeInsight } from '../model/serialize-insight.js';
import { scopedProcedure } from '../trpc.js';

/**
 * One insight by id or short_id; 404 when unknown or deleted, 403 when the principal has no viewer access to it.
 * The row (with its tags), the access level and the users come in one statement.
 */
export const retrieveInsight = scopedProcedure('insight:read')
  .input(z.object({ id: z.string().min(1).max(64) }))
  .query(async ({ input, ctx }) => {
    const found = await loadInsightForRead(ctx.deps.db, ctx.principal, input.id);
    if (!found) throw notFoundError();
    if (!canAccess(found.level, 'viewer')) throw permissionDeniedError(noAccessDetail('viewer'));
    return serializeInsight(found.row, {
      tags: found.row.tags,
      users: found.users,
      level: found.level,
      timezone: PROJECT_TIMEZONE,
    });
  });
