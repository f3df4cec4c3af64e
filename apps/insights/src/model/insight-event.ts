import { randomUUID } from 'node:crypto';
import type { InsightEvent, InsightEventType, InsightSnapshot } from '@insights/contracts';
import type { Principal } from '@insights/scope-auth';
import { writeOutboxEvents } from '@insights/transport';
import type { Transaction } from 'kysely';
import { INSIGHTS_SCHEMA, type InsightsDatabase } from '../db/database.js';

/** Which event a change is: a PATCH that flips `deleted` is a delete or a restore, anything else an update. */
export function insightChangeType(before: InsightSnapshot | null, after: InsightSnapshot): InsightEventType {
  if (!before) return 'insight.created';
  if (!before.deleted && after.deleted) return 'insight.deleted';
  if (before.deleted && !after.deleted) return 'insight.restored';
  return 'insight.updated';
}

export interface InsightChange {
  before: InsightSnapshot | null;
  after: InsightSnapshot;
  /** The insight's version once the change is written. */
  version: number;
}

/** The event of one change, with the actor and both snapshots. */
export function buildInsightEvent(principal: Principal, change: InsightChange, occurredAt: Date): InsightEvent {
  return {
    id: randomUUID(),
    type: insightChangeType(change.before, change.after),
    occurredAt: occurredAt.toISOString(),
    projectId: principal.projectId ?? -1,
    organizationId: principal.organizationId,
    insightId: change.after.id,
    version: change.version,
    actor: { ...principal.user },
    client: principal.client,
    before: change.before,
    after: change.after,
  };
}

/**
 * Writes the changes' events to the outbox in the caller's transaction, which must hold the row lock of every insight
 * it changes: that lock is what orders one insight's events.
 */
export async function recordInsightChanges(
  trx: Transaction<InsightsDatabase>,
  principal: Principal,
  changes: readonly InsightChange[],
  occurredAt: Date,
): Promise<void> {
  const events = changes.map((change) => buildInsightEvent(principal, change, occurredAt));
  await writeOutboxEvents(trx as never, INSIGHTS_SCHEMA, events);
}
