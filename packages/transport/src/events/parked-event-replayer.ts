import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import { eventsReplayedTotal } from '../metrics/event-metrics.js';
import type { EventEnvelope } from './event-envelope.js';
import { wakeOnNotifications } from './notification-listener.js';
import { replayChannel } from './outbox-tables.js';
import { describeCause } from './parked-events.js';
import { type EventHandler, processEventOnce } from './process-event-once.js';
import { WakeSignal } from './wake-signal.js';

export interface ParkedEventReplayerOptions<E extends EventEnvelope> {
  db: Kysely<any>;
  databaseUrl: string;
  schema: string;
  consumer: string;
  handle: EventHandler<E>;
  log: Logger;
  /** Safety net for a missed notification. */
  fallbackPollMs?: number;
}

export interface ParkedEventReplayer {
  stop(): Promise<void>;
}

/**
 * Replays the parked events `admin events replay` handed back to this consumer: each is claimed (so one replica
 * replays it), handled once more through `processEventOnce`, and removed when it succeeds; a failure parks it again
 * with the new cause. Wakes on the schema's replay channel.
 */
export async function startParkedEventReplayer<E extends EventEnvelope>(
  options: ParkedEventReplayerOptions<E>,
): Promise<ParkedEventReplayer> {
  const { db, schema, consumer, log } = options;
  const table = sql.table(`${schema}.parked_event`);
  const wakeSignal = new WakeSignal();
  const stopping = new AbortController();

  const replayClaimed = async () => {
    const { rows } = await sql<{ id: string; event: E }>`
      UPDATE ${table} SET replay_requested_at = NULL
      WHERE consumer = ${consumer} AND replay_requested_at IS NOT NULL
      RETURNING id, event`.execute(db);
    for (const row of rows) {
      try {
        await processEventOnce(db, schema, row.event, options.handle);
        await sql`DELETE FROM ${table} WHERE consumer = ${consumer} AND id = ${row.id}::uuid`.execute(db);
        eventsReplayedTotal.inc({ stage: 'consume', consumer, outcome: 'processed' });
        log.info({ eventId: row.id, consumer }, 'parked event replayed');
      } catch (error) {
        await sql`UPDATE ${table} SET error = ${describeCause(error)}, attempts = attempts + 1, parked_at = now()
          WHERE consumer = ${consumer} AND id = ${row.id}::uuid`.execute(db);
        eventsReplayedTotal.inc({ stage: 'consume', consumer, outcome: 'parked_again' });
        log.error({ eventId: row.id, consumer, cause: describeCause(error) }, 'replayed event failed again, parked');
      }
    }
  };

  const run = async () => {
    while (!stopping.signal.aborted) {
      await replayClaimed().catch((error: unknown) => log.warn({ err: error, consumer }, 'could not replay events'));
      await wakeSignal.wait(options.fallbackPollMs ?? 5_000);
    }
  };

  const listener = await wakeOnNotifications(wakeSignal, {
    databaseUrl: options.databaseUrl,
    channel: replayChannel(schema),
    log,
  });
  const running = run();
  return {
    async stop() {
      stopping.abort();
      wakeSignal.wake();
      await running;
      await listener.close();
    },
  };
}
