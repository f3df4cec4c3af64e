import { randomUUID } from 'node:crypto';
import { tagify } from '@insights/contracts';
import type { Principal } from '@insights/scope-auth';
import type pg from 'pg';
import { StepTimes } from './step-times.js';

/** Where the floor writes its events: a copy of insights' outbox that no relay reads, so no consumer sees them. */
const FLOOR_OUTBOX = 'bench_floor.outbox';
const FLOOR_OUTBOX_CHANNEL = 'bench_floor_outbox';

interface InsightRow {
  id: number;
  short_id: string;
  name: string | null;
  derived_name: string | null;
  description: string | null;
  filters: Record<string, unknown>;
  query: Record<string, unknown> | null;
  order: number | null;
  deleted: boolean;
  favorited: boolean;
  saved: boolean;
  is_sample: boolean;
  dashboards: number[];
  last_modified_at: Date;
}

/** apps/insights/src/model/insight-snapshot.ts, over a row as pg returns it. */
function snapshot(row: InsightRow, tags: readonly string[]) {
  return {
    id: row.id,
    short_id: row.short_id,
    name: row.name,
    derived_name: row.derived_name,
    description: row.description,
    filters: row.filters,
    query: row.query,
    order: row.order,
    deleted: row.deleted,
    favorited: row.favorited,
    saved: row.saved,
    is_sample: row.is_sample,
    tags: [...tags].sort(),
    dashboards: [...row.dashboards],
    last_modified_at: row.last_modified_at.toISOString(),
  };
}

function applyAction(current: readonly string[], action: 'add' | 'remove', tags: readonly string[]): string[] {
  if (action === 'add') return tagify([...current, ...tags]);
  const removed = new Set(tags);
  return current.filter((tag) => !removed.has(tag));
}

/** Creates the floor's outbox next to the real one, with the same columns, defaults and indexes. */
export async function createFloorOutbox(client: pg.Client): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS bench_floor`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${FLOOR_OUTBOX} (LIKE insights.outbox INCLUDING ALL)`);
}

/**
 * The floor of `bulk_update_tags`: every statement the real path runs (apps/insights/src/procedures/bulk-update-tags.ts
 * and apps/tagging/src/procedures/apply-bulk.ts with tag-store.ts `replaceTags`), with the same SQL and the same
 * in-memory work between them, in ONE transaction on one bare pg connection: no HTTP, NATS, tRPC, kysely or auth, and
 * one commit where the real path has two (tagging's, then insights' with the events). Events go to a copy of the
 * outbox, so their cost is paid but nothing consumes them. `steps` times each group of statements.
 */
export function bulkTagsFloor(client: pg.Client, principal: Principal) {
  const steps = new StepTimes();
  const projectId = principal.projectId ?? -1;
  const apply = async (requestedIds: readonly number[], action: 'add' | 'remove', requestedTags: readonly string[]) => {
    const ids = [...new Set(requestedIds)];
    const tags = tagify(requestedTags);
    await client.query('BEGIN');
    try {
      const time = steps.timer();
      const { rows } = await client.query<InsightRow>(
        'SELECT * FROM insights.insight WHERE project_id = $1 AND deleted = false AND id = any($2::int[])',
        [projectId, ids],
      );
      const overrides = await client.query<{ insight_id: number; level: string }>(
        `SELECT insight_id, level FROM insights.object_access
         WHERE project_id = $1 AND user_id = $2 AND insight_id = any($3::int[])`,
        [projectId, principal.user.id, rows.map((row) => row.id)],
      );
      const denied = new Set(
        overrides.rows.filter((row) => row.level !== 'editor' && row.level !== 'manager').map((r) => r.insight_id),
      );
      const found = new Map(rows.map((row) => [row.id, row]));
      const editable = ids.filter((id) => found.has(id) && !denied.has(id));
      time('insights: rows + access');

      await client.query('SELECT pg_advisory_xact_lock($1::int, 0)', [projectId]);
      const current = new Map<number, string[]>();
      const tagRows = await client.query<{ insight_id: number; name: string }>(
        `SELECT ti.insight_id, t.name FROM tagging.tagged_item ti JOIN tagging.tag t ON t.id = ti.tag_id
         WHERE ti.project_id = $1 AND ti.insight_id = any($2::int[]) ORDER BY t.name`,
        [projectId, editable],
      );
      for (const row of tagRows.rows) {
        const list = current.get(row.insight_id);
        if (list) list.push(row.name);
        else current.set(row.insight_id, [row.name]);
      }
      const changes = editable.map((insightId) => {
        const before = current.get(insightId) ?? [];
        return { insightId, before, after: tagify(applyAction(before, action, tags)) };
      });
      const changed = changes.filter((c) => c.before.join('\u0000') !== c.after.join('\u0000'));
      time('tagging: lock + read tags');

      const pairs = changed.flatMap((c) => c.after.map((name) => ({ insightId: c.insightId, name })));
      const pairIds = pairs.map((p) => p.insightId);
      const pairNames = pairs.map((p) => p.name);
      const names = [...new Set(pairNames)];
      if (names.length > 0) {
        await client.query(
          `INSERT INTO tagging.tag (project_id, name)
           SELECT $1, name FROM unnest($2::text[]) AS name
           ON CONFLICT (project_id, name) DO NOTHING`,
          [projectId, names],
        );
      }
      time('tagging: upsert tags');
      await client.query(
        `DELETE FROM tagging.tagged_item ti
         WHERE ti.project_id = $1
           AND ti.insight_id = any($2::int[])
           AND NOT EXISTS (
             SELECT 1 FROM unnest($3::int[], $4::text[]) AS w(insight_id, name)
             JOIN tagging.tag t ON t.project_id = $1 AND t.name = w.name
             WHERE w.insight_id = ti.insight_id AND t.id = ti.tag_id)`,
        [projectId, changed.map((c) => c.insightId), pairIds, pairNames],
      );
      time('tagging: delete tagged items');
      if (pairs.length > 0) {
        await client.query(
          `INSERT INTO tagging.tagged_item (project_id, insight_id, tag_id)
           SELECT $1, w.insight_id, t.id
           FROM unnest($2::int[], $3::text[]) AS w(insight_id, name)
           JOIN tagging.tag t ON t.project_id = $1 AND t.name = w.name
           ON CONFLICT DO NOTHING`,
          [projectId, pairIds, pairNames],
        );
      }
      time('tagging: insert tagged items');
      await client.query(
        `DELETE FROM tagging.tag t
         WHERE t.project_id = $1
           AND NOT EXISTS (SELECT 1 FROM tagging.tagged_item ti WHERE ti.tag_id = t.id)`,
        [projectId],
      );
      time('tagging: delete orphan tags');

      await client.query(
        `UPDATE insights.insight AS i
         SET tags = ARRAY(SELECT jsonb_array_elements_text(v.tags))
         FROM jsonb_to_recordset($2::jsonb) AS v(id int, tags jsonb)
         WHERE i.project_id = $1 AND i.id = v.id`,
        [projectId, JSON.stringify(changed.map((c) => ({ id: c.insightId, tags: c.after })))],
      );
      time('insights: tags copy');
      if (changed.length > 0) {
        const occurredAt = new Date().toISOString();
        const params: string[] = [];
        const values = changed.map((c) => {
          const row = found.get(c.insightId) as InsightRow;
          const event = {
            id: randomUUID(),
            type: 'insight.updated',
            occurredAt,
            projectId,
            organizationId: principal.organizationId,
            insightId: c.insightId,
            actor: { ...principal.user },
            client: principal.client,
            before: snapshot(row, c.before),
            after: snapshot(row, c.after),
          };
          params.push(event.id, event.type, JSON.stringify(event));
          const at = params.length;
          return `($${at - 2}, $${at - 1}, $${at})`;
        });
        await client.query(`INSERT INTO ${FLOOR_OUTBOX} (id, type, event) VALUES ${values.join(', ')}`, params);
        await client.query(`SELECT pg_notify($1, '')`, [FLOOR_OUTBOX_CHANNEL]);
      }
      time('insights: outbox events');
      await client.query('COMMIT');
      time('commit');
      return { updated: changes.length, changed: changed.length };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  return { apply, steps };
}
