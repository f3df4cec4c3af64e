import type { Kysely, Transaction } from 'kysely';
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
