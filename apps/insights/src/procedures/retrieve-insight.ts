import { noAccessDetail } from '@insights/scope-auth';
import { forwardCall, notFoundError, permissionDeniedError } from '@insights/transport';
import { z } from 'zod';
import { canAccess } from '../model/access-levels.js';
import { loadInsightForRead, numericInsightId } from '../model/load-insight-for-read.js';
import { PROJECT_TIMEZONE } from '../model/render-insights.js';
import { serializeInsight } from '../model/serialize-insight.js';
import { scopedProcedure } from '../trpc.js';

/**
 * One insight by id or short_id; 404 when unknown or deleted, 403 when the principal has no viewer access to it.
 * The row, the access level and the users come in one statement; for a numeric id the tags are asked for at the
 * same time (and asked again in the rare case the digits named a short_id instead).
 */
export const retrieveInsight = scopedProcedure('insight:read')
  .input(z.object({ id: z.string().min(1).max(64) }))
  .query(async ({ input, ctx }) => {
    const numericId = numericInsightId(input.id);
    const tagsOf = (id: number) => ctx.deps.tagging.tagsFor.query({ insightIds: [id] }, forwardCall(ctx));
    const earlyTags = numericId === null ? null : tagsOf(numericId);
    earlyTags?.catch(() => undefined);
    const found = await loadInsightForRead(ctx.deps.db, ctx.principal, input.id);
    if (!found) throw notFoundError();
    if (!canAccess(found.level, 'viewer')) throw permissionDeniedError(noAccessDetail('viewer'));
    const tags = await (found.row.id === numericId && earlyTags ? earlyTags : tagsOf(found.row.id));
    return serializeInsight(found.row, {
      tags: tags[found.row.id] ?? [],
      users: found.users,
      level: found.level,
      timezone: PROJECT_TIMEZONE,
    });
  });
