import { type Kysely, sql } from 'kysely';
import { outboxChannel, replayChannel } from './outbox-tables.js';

/** Which parked events to hand back: one event id, or all of them. */
export type ReplaySelection = { id: string } | { all: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isEventId(value: string): boolean {
  return UUID.test(value);
}

function selected(selection: ReplaySelection) {
  return 'id' in selection ? sql`id = ${selection.id}::uuid` : sql`true`;
}

/**
 * Unparks events the outbox relay gave up on: their attempts start again from zero and the relay is woken. Answers how
 * many events were handed back.
 */
export async function requestOutboxReplay(
  db: Kysely<any>,
  schema: string,
  selection: ReplaySelection,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`
      UPDATE ${sql.table(`${schema}.outbox`)} SET parked_at = NULL, attempts = 0
      WHERE parked_at IS NOT NULL AND ${selected(selection)}
      RETURNING id`.execute(trx);
    if (rows.length > 0) await sql`SELECT pg_notify(${outboxChannel(schema)}, '')`.execute(trx);
    return rows.length;
  });
}

/**
 * Asks the consumers of a schema to replay events they parked (their replayer is woken on commit). Answers how many
 * parked events were handed back.
 */
export async function requestConsumerReplay(
  db: Kysely<any>,
  schema: string,
  selection: ReplaySelection,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`
      UPDATE ${sql.table(`${schema}.parked_event`)} SET replay_requested_at = now()
      WHERE ${selected(selection)}
      RETURNING id`.execute(trx);
    if (rows.length > 0) await sql`SELECT pg_notify(${replayChannel(schema)}, '')`.execute(trx);
    return rows.length;
  });
}
