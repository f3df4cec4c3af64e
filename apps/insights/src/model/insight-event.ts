import { randomUUID } from 'node:crypto';
import type { InsightEvent, InsightEventType, InsightSnapshot } from '@insights/contracts';
import type { Principal } from '@insights/scope-auth';
import { writeOutboxEvent } from '@insights/transport';
import type { Transaction } from 'kysely';
import { INSIGHTS_SCHEMA, type InsightsDatabase } from '../db/database.js';

/** Which event a change is: a PATCH that flips `deleted` is a delete or a restore, anything else an update. */
export function insightChangeType(before: InsightSnapshot | null, after: InsightSnapshot): InsightEventType {
  if (!before) return 'insight.created';
  if (!before.deleted && after.deleted) return 'insight.deleted';
  if (before.deleted && !after.deleted) return 'insight.restored';
  return 'insight.updated';
}

/** Writes the change's event to the outbox in the caller's transaction, with the actor and both snapshots. */
export async function recordInsightChange(
  trx: Transaction<InsightsDatabase>,
  principal: Principal,
  before: InsightSnapshot | null,
  after: InsightSnapshot,
  occurredAt: Date,
): Promise<InsightEvent> {
  const event: InsightEvent = {
    id: randomUUID(),
    type: insightChangeType(before, after),
    occurredAt: occurredAt.toISOString(),
    projectId: principal.projectId ?? -1,
    organizationId: principal.organizationId,
    insightId: after.id,
    actor: {
      id: principal.user.id,
      uuid: principal.user.uuid,
      first_name: principal.user.first_name,
      email: principal.user.email,
    },
    client: principal.client,
    before,
    after,
  };
  await writeOutboxEvent(trx as never, INSIGHTS_SCHEMA, event);
  return event;
}
