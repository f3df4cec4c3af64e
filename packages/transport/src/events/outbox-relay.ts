import { type Kysely, sql } from 'kysely';
import pino, { type Logger } from 'pino';
import type { EventEnvelope } from './event-envelope.js';
import { listenForOutboxWrites } from './outbox-listener.js';
import { outboxChannel } from './outbox-tables.js';
import { retryDelayMs, sleep } from './retry-backoff.js';
import { WakeSignal } from './wake-signal.js';

/** Hands a batch of events (in outbox order) to the transport; resolves only once they are safely stored. */
export type EventPublisher = (events: EventEnvelope[]) => Promise<void>;

export interface OutboxRelayOptions {
  db: Kysely<any>;
  /** For the dedicated LISTEN connection (the pool behind `db` cannot hold a LISTEN). */
  databaseUrl: string;
  schema: string;
  publish: EventPublisher;
  log?: Logger;
  batchSize?: number;
  /** Safety net for missed notifications; the relay normally wakes on NOTIFY. */
  fallbackPollMs?: number;
}

export interface OutboxRelay {
  /** Finishes the batch in flight, then stops polling and listening. */
  stop(): Promise<void>;
  /** Resolves once every row committed before the call and not locked by another relay is published. */
  flush(): Promise<void>;
}

interface FlushWaiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Publishes outbox rows. Each batch is one transaction: lock the oldest unpublished rows (skipping rows
 * another relay holds), publish them, mark them, commit. A failed publish rolls back, so nothing is marked
 * that JetStream did not store; a crash after publishing only republishes, and the event id as message id
 * lets JetStream drop that duplicate. Rows are found by `published_at IS NULL`, not by a high-water mark,
 * so a transaction that commits after a later one is still picked up.
 */
export async function startOutboxRelay(options: OutboxRelayOptions): Promise<OutboxRelay> {
  const { db, schema, publish } = options;
  const log = options.log ?? pino({ level: 'silent' });
  const batchSize = options.batchSize ?? 100;
  const fallbackPollMs = options.fallbackPollMs ?? 1_000;
  const wakeSignal = new WakeSignal();
  const stopping = new AbortController();
  let flushWaiters: FlushWaiter[] = [];

  const publishNextBatch = () =>
    db.transaction().execute(async (trx) => {
      const rows: { seq: number; event: EventEnvelope }[] = await trx
        .withSchema(schema)
        .selectFrom('outbox')
        .select(['seq', 'event'])
        .where('published_at', 'is', null)
        .orderBy('seq')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      await publish(rows.map((row) => row.event));
      await trx
        .withSchema(schema)
        .updateTable('outbox')
        .set({ published_at: sql`now()` })
        .where(
          'seq',
          'in',
          rows.map((row) => row.seq),
        )
        .execute();
      return rows.length;
    });

  /** Publishes batches until none is left; false when interrupted by stop. */
  const drain = async () => {
    while (!stopping.signal.aborted) {
      const published = await publishNextBatch();
      if (published === 0) return true;
      log.debug({ schema, published }, 'published outbox events');
    }
    return false;
  };

  const run = async () => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      const waiters = flushWaiters;
      flushWaiters = [];
      try {
        const drained = await drain();
        failures = 0;
        if (drained) for (const waiter of waiters) waiter.resolve();
        else flushWaiters.push(...waiters);
      } catch (error) {
        flushWaiters.push(...waiters);
        const delayMs = retryDelayMs(failures++, 100, 5_000);
        log.warn({ err: error, schema, delayMs }, 'outbox relay failed to publish, retrying');
        // NOTIFYs do not shorten this wait: when NATS is down, every new row would otherwise trigger a retry.
        await sleep(delayMs, stopping.signal);
        continue;
      }
      await wakeSignal.wait(fallbackPollMs);
    }
  };

  const listener = await listenForOutboxWrites({
    databaseUrl: options.databaseUrl,
    channel: outboxChannel(schema),
    onNotify: () => wakeSignal.wake(),
    onReconnect: () => wakeSignal.wake(),
    log,
  });
  const running = run();

  return {
    async stop() {
      stopping.abort();
      wakeSignal.wake();
      await running;
      await listener.close();
      const waiters = flushWaiters;
      flushWaiters = [];
      for (const waiter of waiters) waiter.reject(new Error('outbox relay stopped before the flush completed'));
    },
    flush() {
      if (stopping.signal.aborted) return Promise.reject(new Error('outbox relay is stopped'));
      return new Promise<void>((resolve, reject) => {
        flushWaiters.push({ resolve, reject });
        wakeSignal.wake();
      });
    },
  };
}
