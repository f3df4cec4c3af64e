import { InsightWriteBody } from '@insights/contracts';
import { noAccessDetail } from '@insights/scope-auth';
import { notFoundError, permissionDeniedError } from '@insights/transport';
import { z } from 'zod';
import { canAccess, effectiveLevel } from '../model/access-levels.js';
import { findInsight } from '../model/find-insight.js';
import { recordInsightChange } from '../model/insight-event.js';
import { snapshotInsight } from '../model/insight-snapshot.js';
import { renderInsight } from '../model/render-insights.js';
import { assertStorable } from '../model/storable-values.js';
import { withTagsSet } from '../model/tag-writes.js';
import { rememberActingUser } from '../model/user-profiles.js';
import { scopedProcedure } from '../trpc.js';

// Changing one of these bumps last_modified_at/by (PostHog's MATERIAL_INSIGHT_FIELDS, spec §14.1).
const MATERIAL_FIELDS = ['name', 'description', 'filters'] as const;

/**
 * PATCH and PUT. `deleted: true` soft-deletes, `deleted: false` restores (the only write that finds a deleted insight).
 * Exactly one event per call: `insight.updated`, `insight.deleted` or `insight.restored`.
 */
export const updateInsight = scopedProcedure('insight:write')
  .input(z.object({ id: z.string().min(1).max(64), body: InsightWriteBody }))
  .mutation(async ({ input, ctx }) => {
    const { db } = ctx.deps;
    const body = input.body;
    const projectId = ctx.principal.projectId ?? -1;
    const existing = await findInsight(db, projectId, input.id, { includeDeleted: body.deleted === false });
    if (!existing) throw notFoundError();
    if (!canAccess(await effectiveLevel(db, ctx.principal, existing.id), 'editor')) {
      throw permissionDeniedError(noAccessDetail('editor'));
    }
    assertStorable(body);
    // The row lock is taken before the tags are set and held until the write commits or the tags are put back, so
    // concurrent writes to one insight (and their undo on failure) never interleave.
    const row = await db.transaction().execute(async (trx) => {
      const current = await findInsight(trx, projectId, String(existing.id), {
        includeDeleted: true,
        forUpdate: true,
      });
      if (!current || (current.deleted && body.deleted !== false)) throw notFoundError();
      return withTagsSet(ctx, current.id, body.tags, async (tagChange) => {
        const tagsBefore = tagChange?.before ?? current.tags;
        const tagsAfter = tagChange?.after ?? tagsBefore;
        const now = new Date();
        const material = MATERIAL_FIELDS.some(
          (field) => body[field] !== undefined && JSON.stringify(body[field]) !== JSON.stringify(current[field]),
        );
        await rememberActingUser(trx, ctx.principal);
        const updated = await trx
          .updateTable('insights.insight')
          .set({
            ...(body.name !== undefined && { name: body.name }),
            ...(body.derived_name !== undefined && { derived_name: body.derived_name }),
            ...(body.description !== undefined && { description: body.description }),
            ...(body.filters !== undefined && { filters: JSON.stringify(body.filters) }),
            ...(body.query !== undefined && { query: JSON.stringify(body.query) }),
            ...(body.order !== undefined && { order: body.order }),
            ...(body.deleted !== undefined && { deleted: body.deleted }),
            ...(body.dashboards !== undefined && { dashboards: body.dashboards }),
            ...(body.favorited !== undefined && { favorited: body.favorited }),
            ...(tagChange && { tags: tagChange.after }),
            saved: body.saved ?? true,
            is_sample: false,
            updated_at: now,
            ...(material && { last_modified_at: now, last_modified_by: ctx.principal.user.id }),
          })
          .where('id', '=', current.id)
          .where('project_id', '=', projectId)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordInsightChange(
          trx,
          ctx.principal,
          snapshotInsight(current, tagsBefore),
          snapshotInsight(updated, tagsAfter),
          now,
        );
        return updated;
      });
    });
    return renderInsight(ctx, row);
  });
