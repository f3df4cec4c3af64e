import { type InsightEvent, tagify } from '@insights/contracts';
import type { EventConsumerDefinition, EventHandler } from '@insights/transport';
import { sql, type Transaction } from 'kysely';
import { TAGGING_SCHEMA, type TaggingDatabase } from '../db/database.js';
import { lockProjectTags } from '../project-lock.js';
import { replaceTags } from '../tag-store.js';

/**
 * Keeps the tag store equal to the insights' tags: every insight event carries the insight's tags after the change
 * and its version, and the store takes them only when that version is newer than the one it last applied, so events
 * handled late or out of order never bring back older tags. Tags nothing uses any more are removed.
 */
export const taggingEventHandler: EventHandler<InsightEvent> = async (event, trx) => {
  // The in-process bus of single-process mode hands over every event, not only the insight ones.
  if (!event.type.startsWith('insight.')) return;
  const db = trx as Transaction<TaggingDatabase>;
  const { rows: newer } = await sql<{ version: number }>`
    INSERT INTO tagging.insight_version AS v (project_id, insight_id, version)
    VALUES (${event.projectId}, ${event.insightId}, ${event.version})
    ON CONFLICT (project_id, insight_id) DO UPDATE SET version = excluded.version
    WHERE v.version < excluded.version
    RETURNING v.version`.execute(db);
  if (newer.length === 0) return;
  await lockProjectTags(db, event.projectId);
  await replaceTags(db, event.projectId, new Map([[event.insightId, tagify(event.after.tags)]]));
};

/** Tagging's durable consumer: the insight events, handled into the tag store. */
export const taggingConsumer: EventConsumerDefinition<InsightEvent> = {
  durable: 'tagging',
  types: 'insight.>',
  schema: TAGGING_SCHEMA,
  handle: taggingEventHandler,
};
