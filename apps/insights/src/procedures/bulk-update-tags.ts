import {
  BULK_UPDATE_TAGS_SKIP_REASON,
  BulkUpdateTagsRequest,
  type BulkUpdateTagsResponse,
  tagify,
} from '@insights/contracts';
import { fitsInt4, intArrayLiteral, transactionWithRetry } from '@insights/db';
import { sql } from 'kysely';
import { canAccess, effectiveLevels } from '../model/access-levels.js';
import { type InsightChange, recordInsightChanges } from '../model/insight-event.js';
import type { InsightRow } from '../model/insight-row.js';
import { snapshotInsight } from '../model/insight-snapshot.js';
import { assertResourceAccess } from '../model/resource-access.js';

import { scopedProcedure } from '../trpc.js';

function applyTagAction(current: readonly string[], action: 'add' | 'remove' | 'set', tags: readonly string[]) {
  if (action === 'set') return [...tags];
  if (action === 'add') return tagify([...current, ...tags]);
  const removed = new Set(tags);
  return current.filter((tag) => !removed.has(tag));
}

const sameTags = (a: readonly string[], b: readonly string[]) => a.join('\u0000') === b.join('\u0000');

/**
 * add/remove/set tags on many insights (spec §7): insights the principal cannot edit, deleted, unknown or of another
 * project are skipped untouched. One transaction locks the found insights in id order (so concurrent bulk changes and
 * PATCHes never deadlock and each sees the other's result), applies the change to their tags, and writes one
 * `insight.updated` event per insight whose tags changed. The tagging service follows from those events. A constant
 * number of statements whatever the number of ids and tags.
 */
export const bulkUpdateTags = scopedProcedure('insight:write')
  .input(BulkUpdateTagsRequest)
  .mutation(async ({ input, ctx }): Promise<BulkUpdateTagsResponse> => {
    const { db } = ctx.deps;
    const projectId = ctx.principal.projectId ?? -1;
    await assertResourceAccess(db, ctx.principal, 'editor');
    const requested = [...new Set(input.ids)];
    const tags = tagify(input.tags);
    // An id PostgreSQL's integer cannot hold is no insight's id: it is skipped like any unknown id.
    const storable = requested.filter(fitsInt4);

    const { found, editable } = await transactionWithRetry(db, async (trx) => {
      const rows: InsightRow[] = await trx
        .selectFrom('insights.insight')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('deleted', '=', false)
        .where('id', '=', sql<number>`any(${intArrayLiteral(storable)}::int[])`)
        .orderBy('id')
        .forUpdate()
        .execute();
      const levels = await effectiveLevels(
        trx,
        ctx.principal,
        rows.map((row) => row.id),
      );
      const editableRows = rows.filter((row) => canAccess(levels.get(row.id) ?? 'none', 'editor'));
      const planned = editableRows.map((row) => ({ row, after: applyTagAction(row.tags, input.action, tags) }));
      const changed = planned.filter(({ row, after }) => !sameTags(row.tags, after));
      if (changed.length > 0) {
        const values = JSON.stringify(changed.map(({ row, after }) => ({ id: row.id, tags: after })));
        const { rows: versions } = await sql<{ id: number; version: number; tags: string[] }>`
          UPDATE insights.insight AS i
          SET tags = ARRAY(SELECT jsonb_array_elements_text(v.tags)), version = i.version + 1
          FROM jsonb_to_recordset(${values}::jsonb) AS v(id int, tags jsonb)
          WHERE i.project_id = ${projectId} AND i.id = v.id
          RETURNING i.id, i.version, i.tags`.execute(trx);
        const byId = new Map(versions.map((v) => [v.id, v]));
        const written: InsightChange[] = changed.map(({ row }) => {
          const updated = byId.get(row.id)!;
          return { before: snapshotInsight(row), after: snapshotInsight(row, updated.tags), version: updated.version };
        });
        await recordInsightChanges(trx, ctx.principal, written, new Date());
      }
      return {
        found: new Set(rows.map((row) => row.id)),
        editable: planned.map(({ row, after }) => ({ id: row.id, tags: after })),
      };
    });
    const editableIds = new Set(editable.map((e) => e.id));
    const skipped = [
      ...requested.filter((id) => found.has(id) && !editableIds.has(id)),
      ...input.ids.filter((id) => !found.has(id)),
    ].map((id) => ({ id, reason: BULK_UPDATE_TAGS_SKIP_REASON }));
    const order = new Map(requested.map((id, index) => [id, index]));
    const updated = editable.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return { updated, skipped };
  });
