import { InsightWriteBody, tagify } from '@insights/contracts';
import { transactionWithRetry } from '@insights/db';
import { noAccessDetail } from '@insights/scope-auth';
import { notFoundError, permissionDeniedError } from '@insights/transport';
import { sql } from 'kysely';
import { z } from 'zod';
import { canAccess, effectiveLevel } from '../model/access-levels.js';
import { findInsight } from '../model/find-insight.js';
import { recordInsightChanges } from '../model/insight-event.js';
import { snapshotInsight } from '../model/insight-snapshot.js';
import { renderInsight } from '../model/render-insights.js';
import { assertStorable } from '../model/storable-values.js';
import { rememberActingUser } from '../model/user-profiles.js';
import { scopedProcedure } from '../trpc.js';

// Changing one of these bumps last_modified_at/by (PostHog's MATERIAL_INSIGHT_FIELDS, spec §14.1).
const MATERIAL_FIELDS = ['name', 'description', 'filters'] as const;

/**
 * PATCH and PUT. `deleted: true` soft-deletes, `deleted: false` restores (the only write that finds a deleted insight).
 * Exactly one event per call: `insight.updated`, `insight.deleted` or `insight.restored`, written in the transaction
 * that holds the insight's row lock, so one insight's changes and their events are strictly ordered.
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
    const tags = body.tags === undefined ? undefined : tagify(body.tags);
    const row = await transactionWithRetry(db, async (trx) => {
      const current = await findInsight(trx, projectId, String(existing.id), { includeDeleted: true, forUpdate: true });
      if (!current || (current.deleted && body.deleted !== false)) throw notFoundError();
      const now = new Date();
      const material = MATERIAL_FIELDS.some(
        (field) => body[field] !== undefined && JSON.stringify(body[field]) !== JSON.stringify(current[field]),
      );
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
          ...(tags !== undefined && { tags }),
          saved: body.saved ?? true,
          is_sample: false,
          updated_at: now,
          version: sql<number>`version + 1`,
          ...(material && { last_modified_at: now, last_modified_by: ctx.principal.user.id }),
        })
        .where('id', '=', current.id)
        .where('project_id', '=', projectId)
        .returningAll()
        .executeTakeFirstOrThrow();
      // After the insight's row lock, so every writer takes locks in the same order.
      await rememberActingUser(trx, ctx.principal);
      await recordInsightChanges(
        trx,
        ctx.principal,
        [{ before: snapshotInsight(current), after: snapshotInsight(updated), version: updated.version }],
        now,
      );
      return updated;
    });
    return renderInsight(ctx, row);
  });
