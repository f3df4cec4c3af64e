import type { InsightEvent } from '@insights/contracts';
import { intArrayLiteral } from '@insights/db';
import type { BatchEventHandler, EventConsumerDefinition, EventHandler } from '@insights/transport';
import { sql } from 'kysely';
import { VIEWS_SCHEMA } from '../db/database.js';
import { upsertInsightViewBatch } from '../model/upsert-insight-views.js';
import { upsertUserProfiles } from '../model/user-profile.js';

/**
 * Keeps views' picture of each insight (deleted or not, last modified when) current from the insights service's
 * events, and records the creator's view of a new insight (spec §10 note: creating an insight views it). A batch of
 * events (in stream order) takes a constant number of statements, inside the transaction that marks them processed,
 * so each event counts once. An event older than the one that set the row (a late redelivery) does not overwrite it.
 */
export const viewsBatchHandler: BatchEventHandler<InsightEvent> = async (batch, trx) => {
  // The in-process bus of single-process mode hands over every event, not only the insight ones.
  const events = batch.filter((event) => event.type.startsWith('insight.'));
  if (events.length === 0) return;
  // The newest event of each insight (a statement may not update one row twice).
  const latest = new Map<string, InsightEvent>();
  for (const event of events) {
    const key = `${event.projectId}:${event.insightId}`;
    const known = latest.get(key);
    if (!known || known.occurredAt <= event.occurredAt) latest.set(key, event);
  }
  const states = [...latest.values()].sort((a, b) => a.projectId - b.projectId || a.insightId - b.insightId);
  await sql`
    INSERT INTO views.insight_state AS s (project_id, insight_id, deleted, last_modified_at, event_at)
    SELECT * FROM unnest(${intArrayLiteral(states.map((e) => e.projectId))}::int[],
                         ${intArrayLiteral(states.map((e) => e.insightId))}::int[],
                         ${states.map((e) => e.after.deleted)}::boolean[],
                         ${states.map((e) => e.after.last_modified_at)}::timestamptz[],
                         ${states.map((e) => e.occurredAt)}::timestamptz[])
    ON CONFLICT (project_id, insight_id) DO UPDATE SET
      deleted = excluded.deleted, last_modified_at = excluded.last_modified_at, event_at = excluded.event_at
    WHERE s.event_at <= excluded.event_at`.execute(trx);
  const acted = events.filter((event) => event.actor !== null && event.actor !== undefined);
  const created = acted.filter((event) => event.type === 'insight.created');
  // The creators' views, with their profiles; the other actors' profiles alone.
  await upsertInsightViewBatch(
    trx,
    created.map((event) => ({
      projectId: event.projectId,
      viewer: event.actor!,
      insightIds: [event.insightId],
      viewedAt: new Date(event.occurredAt),
    })),
  );
  const creators = new Set(created.map((event) => event.actor!.id));
  const others = new Map(
    acted.filter((event) => !creators.has(event.actor!.id)).map((event) => [event.actor!.id, event.actor!]),
  );
  if (others.size > 0) {
    await upsertUserProfiles([...others.values()].sort((a, b) => a.id - b.id)).execute(trx);
  }
};

/** One event: see `viewsBatchHandler`. */
export const viewsEventHandler: EventHandler<InsightEvent> = (event, trx) => viewsBatchHandler([event], trx);

/** Views' durable consumer: the insight events, handled into its picture of each insight. */
export const viewsConsumer: EventConsumerDefinition<InsightEvent> = {
  durable: 'views',
  types: 'insight.>',
  schema: VIEWS_SCHEMA,
  handle: viewsEventHandler,
  handleBatch: viewsBatchHandler,
};
