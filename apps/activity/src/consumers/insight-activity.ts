import { type InsightEvent, InsightEventType } from '@insights/contracts';
import type { EventConsumerDefinition, EventEnvelope, EventHandler } from '@insights/transport';
import type { Transaction } from 'kysely';
import { ACTIVITY_SCHEMA, type ActivityDatabase } from '../db/database.js';
import { insightChanges } from '../diff/insight-changes.js';
import { appendActivityEntry } from '../log/append-entry.js';

export const INSIGHT_SCOPE = 'Insight';

/** `insight.created` → `created`, and so on. */
function activityOf(type: InsightEvent['type']): string {
  return type.slice('insight.'.length);
}

/**
 * Writes the activity entry of one insight change (spec §15), at most one: `created` without changes, `updated`
 * only when a reported field changed, `deleted` and `restored` with their diff. Insights with neither a name nor a
 * derived name are not logged, as in PostHog. Runs in the transaction that marks the event processed.
 */
export async function recordInsightActivity(event: InsightEvent, trx: Transaction<ActivityDatabase>): Promise<void> {
  const { after } = event;
  const name = after.name || after.derived_name;
  if (!name) return;
  const changes = event.type === 'insight.created' ? null : insightChanges(event.before, after);
  if (event.type === 'insight.updated' && changes?.length === 0) return;
  await appendActivityEntry(trx, {
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
  });
}

function isInsightEvent(event: EventEnvelope): event is InsightEvent {
  return InsightEventType.safeParse(event.type).success;
}

/**
 * The activity service's reaction to any event it receives, for the durable consumer and for single-process mode's
 * in-process bus alike. Events it has no entry for (other insight event types) are only marked processed.
 */
export const activityEventHandler: EventHandler = async (event, trx) => {
  if (isInsightEvent(event)) await recordInsightActivity(event, trx as Transaction<ActivityDatabase>);
};

/** Activity's durable consumer: every insight event, once each, into the log. */
export const activityConsumer: EventConsumerDefinition = {
  durable: 'activity',
  types: 'insight.>',
  schema: ACTIVITY_SCHEMA,
  handle: activityEventHandler,
};
