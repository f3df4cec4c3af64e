import { BULK_UPDATE_TAGS_SKIP_REASON, BulkUpdateTagsRequest, type BulkUpdateTagsResponse } from '@insights/contracts';
import { forwardCall } from '@insights/transport';
import { sql } from 'kysely';
import { canAccess, effectiveLevels } from '../model/access-levels.js';
import { buildInsightEvent, recordInsightEvents } from '../model/insight-event.js';
import { snapshotInsight } from '../model/insight-snapshot.js';
import { assertResourceAccess } from '../model/resource-access.js';
import { writeTagsCopy } from '../model/tags-copy.js';
import { scopedProcedure } from '../trpc.js';

/**
 * add/remove/set tags on many insights (spec §7): insights the principal cannot edit, deleted, unknown or of another
 * project are skipped untouched; tagging applies the change in one call; one `insight.updated` event per insight
 * whose tags changed, written with the read copy of the tags. A constant number of statements whatever the number of
 * ids and tags.
 */
export const bulkUpdateTags = scopedProcedure('insight:write')
  .input(BulkUpdateTagsRequest)
  .mutation(async ({ input, ctx }): Promise<BulkUpdateTagsResponse> => {
    const { db, tagging } = ctx.deps;
    const projectId = ctx.principal.projectId ?? -1;
    await assertResourceAccess(db, ctx.principal, 'editor');
    const requested = [...new Set(input.ids)];
    const rows = await db
      .selectFrom('insights.insight')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('deleted', '=', false)
      .where('id', '=', sql<number>`any(${sql.val(requested)}::int[])`)
      .execute();
    const levels = await effectiveLevels(
      db,
      ctx.principal,
      rows.map((row) => row.id),
    );
    const found = new Map(rows.map((row) => [row.id, row]));
    const editable = requested.filter((id) => found.has(id) && canAccess(levels.get(id) ?? 'none', 'editor'));
    const editableSet = new Set(editable);
    const skipped = [
      ...requested.filter((id) => found.has(id) && !editableSet.has(id)),
      ...input.ids.filter((id) => !found.has(id)),
    ].map((id) => ({ id, reason: BULK_UPDATE_TAGS_SKIP_REASON }));
    if (editable.length === 0) return { updated: [], skipped };

    const changes = await tagging.applyBulk.mutate(
      { insightIds: editable, action: input.action, tags: input.tags },
      forwardCall(ctx),
    );
    const changed = changes.filter((c) => c.before.join('\u0000') !== c.after.join('\u0000'));
    if (changed.length > 0) {
      const now = new Date();
      const events = changed.map((c) => {
        const row = found.get(c.insightId)!;
        return buildInsightEvent(ctx.principal, snapshotInsight(row, c.before), snapshotInsight(row, c.after), now);
      });
      try {
        await db.transaction().execute(async (trx) => {
          await writeTagsCopy(
            trx,
            projectId,
            changed.map((c) => ({ insightId: c.insightId, tags: c.after })),
          );
          await recordInsightEvents(trx, events);
        });
      } catch (error) {
        // Without its events the change would be invisible to the audit trail: undo it.
        await tagging.setMany
          .mutate({ entries: changed.map((c) => ({ insightId: c.insightId, tags: c.before })) }, forwardCall(ctx))
          .catch((undoError: unknown) => ctx.log.error({ err: undoError }, 'could not undo a bulk tag change'));
        throw error;
      }
    }
    return { updated: changes.map((c) => ({ id: c.insightId, tags: c.after })), skipped };
  });
