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
 * The floor of `bulk_update_tags`: every statement the real path runs (apps/insights/src/procedures/bulk-update-tags.ts:
 * the rows locked in id order, the caller's overrides, one UPDATE of tags and versions, the events into the outbox),
 * with the same SQL and the same in-memory work between them, in one transaction on one bare pg connection: no HTTP,
 * NATS, tRPC, kysely or auth. Events go to a copy of the outbox, so their cost is paid but nothing consumes them.
 * `steps` times each group of statements.
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
      const { rows } = await client.query<InsightRow & { tags: string[] }>(
        `SELECT * FROM insights.insight WHERE project_id = $1 AND deleted = false AND id = any($2::int[])
         ORDER BY id FOR UPDATE`,
        [projectId, `{${ids.join(',')}}`],
      );
      const overrides = await client.query<{ insight_id: number; level: string }>(
        `SELECT insight_id, level FROM insights.object_access
         WHERE project_id = $1 AND user_id = $2 AND insight_id = any($3::int[])`,
        [projectId, principal.user.id, rows.map((row) => row.id)],
      );
      const denied = new Set(
        overrides.rows.filter((row) => row.level !== 'editor' && row.level !== 'manager').map((r) => r.insight_id),
      );
      const changes = rows
        .filter((row) => !denied.has(row.id))
        .map((row) => ({ row, after: tagify(applyAction(row.tags, action, tags)) }));
      const changed = changes.filter((c) => c.row.tags.join('\u0000') !== c.after.join('\u0000'));
      time('insights: lock rows + access');

      const versions = new Map<number, { version: number; tags: string[] }>();
      if (changed.length > 0) {
        const updated = await client.query<{ id: number; version: number; tags: string[] }>(
          `UPDATE insights.insight AS i
           SET tags = ARRAY(SELECT jsonb_array_elements_text(v.tags)), version = i.version + 1
           FROM jsonb_to_recordset($2::jsonb) AS v(id int, tags jsonb)
           WHERE i.project_id = $1 AND i.id = v.id
           RETURNING i.id, i.version, i.tags`,
          [projectId, JSON.stringify(changed.map((c) => ({ id: c.row.id, tags: c.after })))],
        );
        for (const row of updated.rows) versions.set(row.id, row);
      }
      time('insights: update tags + versions');
      if (changed.length > 0) {
        const occurredAt = new Date().toISOString();
        const params: string[] = [];
        const values = changed.map((c) => {
          const written = versions.get(c.row.id);
          const event = {
            id: randomUUID(),
            type: 'insight.updated',
            occurredAt,
            projectId,
            organizationId: principal.organizationId,
            insightId: c.row.id,
            version: written?.version,
            actor: { ...principal.user },
            client: principal.client,
            before: snapshot(c.row, c.row.tags),
            after: snapshot(c.row, written?.tags ?? c.after),
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
