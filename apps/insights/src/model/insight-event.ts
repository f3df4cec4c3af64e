import { randomUUID } from 'node:crypto';
import type { InsightEvent, InsightEventType, InsightSnapshot } from '@insights/contracts';
import type { Principal } from '@insights/scope-auth';
import { writeOutboxEvent, writeOutboxEvents } from '@insights/transport';
import type { Transaction } from 'kysely';
import { INSIGHTS_SCHEMA, type InsightsDatabase } from '../db/database.js';

/** Which event a change is: a PATCH that flips `deleted` is a delete or a restore, anything else an update. */
export function insightChangeType(before: InsightSnapshot | null, after: InsightSnapshot): InsightEventType {
  if (!before) return 'insight.created';
  if (!before.deleted && after.deleted) return 'insight.deleted';
  if (before.deleted && !after.deleted) return 'insight.restored';
  return 'insight.updated';
}

/** The event of one change, with the actor and both snapshots. */
export function buildInsightEvent(
  principal: Principal,
  before: InsightSnapshot | null,
  after: InsightSnapshot,
  occurredAt: Date,
): InsightEvent {
  return {
    id: randomUUID(),
    type: insightChangeType(before, after),
    occurredAt: occurredAt.toISOString(),
    projectId: principal.projectId ?? -1,
    organizationId: principal.organizationId,
    insightId: after.id,
    actor: { ...principal.user },
    client: principal.client,
    before,
    after,
  };
}

/** Writes the change's event to the outbox in the caller's transaction. */
export async function recordInsightChange(
  trx: Transaction<InsightsDatabase>,
  principal: Principal,
  before: InsightSnapshot | null,
  after: InsightSnapshot,
  occurredAt: Date,
): Promise<InsightEvent> {
  const event = buildInsightEvent(principal, before, after, occurredAt);
  await writeOutboxEvent(trx as never, INSIGHTS_SCHEMA, event);
  return event;
}

/** Many changes' events in one statement (bulk tag updates). */
export async function recordInsightEvents(
  trx: Transaction<InsightsDatabase>,
  events: readonly InsightEvent[],
): Promise<void> {
  await writeOutboxEvents(trx as never, INSIGHTS_SCHEMA, events);
}
