import { type Kysely, sql } from 'kysely';
import { assertEventEnvelope, type EventEnvelope } from './event-envelope.js';
import { outboxChannel } from './outbox-tables.js';

/**
 * Records events in the outbox inside the caller's transaction, in the given order. The NOTIFY is
 * transactional too: PostgreSQL delivers it on commit and drops it on rollback, so the relay wakes
 * exactly when there is something new to publish.
 */
export async function writeOutboxEvents(
  trx: Kysely<any>,
  schema: string,
  events: readonly EventEnvelope[],
): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) assertEventEnvelope(event);
  await trx
    .withSchema(schema)
    .insertInto('outbox')
    .values(events.map((event) => ({ id: event.id, type: event.type, event: JSON.stringify(event) })))
    .execute();
  await sql`SELECT pg_notify(${outboxChannel(schema)}, '')`.execute(trx);
}

/** One event: see `writeOutboxEvents`. */
export async function writeOutboxEvent(trx: Kysely<any>, schema: string, event: EventEnvelope): Promise<void> {
  await writeOutboxEvents(trx, schema, [event]);
}
