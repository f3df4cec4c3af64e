import { type InsightEvent, tagify } from '@insights/contracts';
import { intArrayLiteral } from '@insights/db';
import type { BatchEventHandler, EventConsumerDefinition, EventHandler } from '@insights/transport';
import { sql, type Transaction } from 'kysely';
import { TAGGING_SCHEMA, type TaggingDatabase } from '../db/database.js';
import { lockProjectTags } from '../project-lock.js';
import { replaceTags } from '../tag-store.js';

/**
 * Keeps the tag store equal to the insights' tags: every insight event carries the insight's tags after the change
 * and its version, and the store takes them only when that version is newer than the one it last applied, so events
 * handled late or out of order never bring back older tags. Tags nothing uses any more are removed. A batch of events
 * takes one statement for the versions and, per project (in id order, under its lock), the set-based replacement.
 */
export const taggingBatchHandler: BatchEventHandler<InsightEvent> = async (batch, trx) => {
  // The in-process bus of single-process mode hands over every event, not only the insight ones.
  const events = batch.filter((event) => event.type.startsWith('insight.'));
  if (events.length === 0) return;
  const db = trx as Transaction<TaggingDatabase>;
  // The newest version of each insight in the batch.
  const newest = new Map<string, InsightEvent>();
  for (const event of events) {
    const key = `${event.projectId}:${event.insightId}`;
    const known = newest.get(key);
    if (!known || known.version < event.version) newest.set(key, event);
  }
  const candidates = [...newest.values()].sort((a, b) => a.projectId - b.projectId || a.insightId - b.insightId);
  const { rows: applied } = await sql<{ project_id: number; insight_id: number }>`
    INSERT INTO tagging.insight_version AS v (project_id, insight_id, version)
    SELECT * FROM unnest(${intArrayLiteral(candidates.map((e) => e.projectId))}::int[],
                         ${intArrayLiteral(candidates.map((e) => e.insightId))}::int[],
                         ${intArrayLiteral(candidates.map((e) => e.version))}::bigint[])
    ON CONFLICT (project_id, insight_id) DO UPDATE SET version = excluded.version
    WHERE v.version < excluded.version
    RETURNING v.project_id, v.insight_id`.execute(db);
  const wantedByProject = new Map<number, Map<number, string[]>>();
  for (const { project_id, insight_id } of applied) {
    const event = newest.get(`${project_id}:${insight_id}`)!;
    const wanted = wantedByProject.get(project_id) ?? new Map<number, string[]>();
    wanted.set(insight_id, tagify(event.after.tags));
    wantedByProject.set(project_id, wanted);
  }
  for (const projectId of [...wantedByProject.keys()].sort((a, b) => a - b)) {
    await lockProjectTags(db, projectId);
    await replaceTags(db, projectId, wantedByProject.get(projectId)!);
  }
};

/** One event: see `taggingBatchHandler`. */
export const taggingEventHandler: EventHandler<InsightEvent> = (event, trx) => taggingBatchHandler([event], trx);

/** Tagging's durable consumer: the insight events, handled into the tag store. */
export const taggingConsumer: EventConsumerDefinition<InsightEvent> = {
  durable: 'tagging',
  types: 'insight.>',
  schema: TAGGING_SCHEMA,
  handle: taggingEventHandler,
  handleBatch: taggingBatchHandler,
};
