import { type Kysely, sql, type Transaction } from 'kysely';
import type { EventEnvelope } from './event-envelope.js';

/** A consumer's reaction to one event, run inside the transaction that records the event as processed. */
export type EventHandler<E extends EventEnvelope = EventEnvelope> = (event: E, trx: Transaction<any>) => Promise<void>;

export type ProcessOutcome = 'processed' | 'duplicate';

/**
 * Runs `handle` at most once per event id: the processed mark and the handler's writes commit together,
 * so a handler that throws leaves no mark (the event will be handled on redelivery), and a redelivered
 * event that already committed is skipped. A concurrent delivery of the same id waits on the first one's
 * row lock and then sees it as a duplicate.
 */
export async function processEventOnce<E extends EventEnvelope>(
  db: Kysely<any>,
  schema: string,
  event: E,
  handle: EventHandler<E>,
): Promise<ProcessOutcome> {
  return db.transaction().execute(async (trx) => {
    const marked = await trx
      .withSchema(schema)
      .insertInto('processed_event')
      .values({ id: event.id })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!marked) return 'duplicate';
    await handle(event, trx);
    return 'processed';
  });
}

/** A consumer's reaction to several events at once (in stream order), inside the transaction that marks them. */
export type BatchEventHandler<E extends EventEnvelope = EventEnvelope> = (
  events: E[],
  trx: Transaction<any>,
) => Promise<void>;

/**
 * `processEventOnce` for a batch, in one transaction: the events not processed before are marked in one statement and
 * handed to `handle` together, in order (a repeated id only once). All of them commit, or none.
 */
export async function processEventsOnce<E extends EventEnvelope>(
  db: Kysely<any>,
  schema: string,
  events: readonly E[],
  handle: BatchEventHandler<E>,
): Promise<{ processed: number; duplicates: number }> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO ${sql.table(`${schema}.processed_event`)} (id)
      SELECT unnest(${events.map((event) => event.id)}::uuid[])
      ON CONFLICT (id) DO NOTHING
      RETURNING id`.execute(trx);
    const fresh = new Set(rows.map((row) => row.id));
    const toHandle = events.filter((event) => fresh.delete(event.id));
    if (toHandle.length > 0) await handle(toHandle, trx);
    return { processed: toHandle.length, duplicates: events.length - toHandle.length };
  });
}

/** A per-event handler run over a batch: each event in order, in the batch's transaction. */
export function oneByOne<E extends EventEnvelope>(handle: EventHandler<E>): BatchEventHandler<E> {
  return async (events, trx) => {
    for (const event of events) await handle(event, trx);
  };
}
