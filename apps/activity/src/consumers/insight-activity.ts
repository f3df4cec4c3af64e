import { type InsightEvent, InsightEventType } from '@insights/contracts';
import type { BatchEventHandler, EventConsumerDefinition, EventEnvelope, EventHandler } from '@insights/transport';
import type { Transaction } from 'kysely';
import { ACTIVITY_SCHEMA, type ActivityDatabase } from '../db/database.js';
import { insightChanges } from '../diff/insight-changes.js';
import { appendActivityEntries, type NewActivityEntry } from '../log/append-entry.js';

export const INSIGHT_SCOPE = 'Insight';

/** `insight.created` → `created`, and so on. */
function activityOf(type: InsightEvent['type']): string {
  return type.slice('insight.'.length);
}

/**
 * The activity entry of one insight change (spec §15), at most one: `created` without changes, `updated` only when a
 * reported field changed, `deleted` and `restored` with their diff. Insights with neither a name nor a derived name
 * are not logged, as in PostHog.
 */
export function insightActivityEntry(event: InsightEvent): NewActivityEntry | null {
  const { after } = event;
  const name = after.name || after.derived_name;
  if (!name) return null;
  const changes = event.type === 'insight.created' ? null : insightChanges(event.before, after);
  if (event.type === 'insight.updated' && changes?.length === 0) return null;
  return {
    id: event.id,
    projectId: event.projectId,
    organizationId: event.organizationId,
    user: event.actor ? { first_name: event.actor.first_name, email: event.actor.email } : null,
    client: event.client,
    activity: activityOf(event.type),
    scope: INSIGHT_SCOPE,
    itemId: String(event.insightId),
    detail: { name, short_id: after.short_id, type: null, changes, trigger: null },
    createdAt: event.occurredAt,
  };
}

function isInsightEvent(event: EventEnvelope): event is InsightEvent {
  return InsightEventType.safeParse(event.type).success;
}

/**
 * The activity service's reaction to events, for the durable consumer and for single-process mode's in-process bus
 * alike: their entries, in order, in one statement, in the transaction that marks them processed. Events it has no
 * entry for (other event types) are only marked processed.
 */
export const activityBatchHandler: BatchEventHandler = async (events, trx) => {
  const entries = events
    .filter(isInsightEvent)
    .map(insightActivityEntry)
    .filter((entry): entry is NewActivityEntry => entry !== null);
  await appendActivityEntries(trx as Transaction<ActivityDatabase>, entries);
};

/** One event: see `activityBatchHandler`. */
export const activityEventHandler: EventHandler = (event, trx) => activityBatchHandler([event], trx);

/** Activity's durable consumer: every insight event, once each, into the log. */
export const activityConsumer: EventConsumerDefinition = {
  durable: 'activity',
  types: 'insight.>',
  schema: ACTIVITY_SCHEMA,
  handle: activityEventHandler,
  handleBatch: activityBatchHandler,
};
