import { type Kysely, sql } from 'kysely';
import type { EventEnvelope } from './event-envelope.js';

/** How much of an error's message is kept with a parked event. */
const MAX_CAUSE_LENGTH = 2_000;

export function describeCause(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.slice(0, MAX_CAUSE_LENGTH);
}

/** Sets an event aside for a consumer that failed on it `attempts` times (a later park of the same event replaces it). */
export async function parkConsumedEvent(
  db: Kysely<any>,
  schema: string,
  consumer: string,
  event: EventEnvelope,
  error: unknown,
  attempts: number,
): Promise<void> {
  await sql`
    INSERT INTO ${sql.table(`${schema}.parked_event`)} (consumer, id, type, event, error, attempts)
    VALUES (${consumer}, ${event.id}::uuid, ${event.type}, ${JSON.stringify(event)}::jsonb, ${describeCause(error)},
      ${attempts})
    ON CONFLICT (consumer, id) DO UPDATE SET
      event = excluded.event, error = excluded.error, attempts = excluded.attempts, parked_at = now(),
      replay_requested_at = NULL`.execute(db);
}

/** How many events this schema's consumers have parked. */
export async function countConsumerParked(db: Kysely<any>, schema: string): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    SELECT count(*)::int AS count FROM ${sql.table(`${schema}.parked_event`)}`.execute(db);
  return rows[0]?.count ?? 0;
}

/** How many events this schema's outbox relay has parked. */
export async function countOutboxParked(db: Kysely<any>, schema: string): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    SELECT count(*)::int AS count FROM ${sql.table(`${schema}.outbox`)} WHERE parked_at IS NOT NULL`.execute(db);
  return rows[0]?.count ?? 0;
}
