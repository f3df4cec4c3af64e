import { type Kysely, sql } from 'kysely';
import pino, { type Logger } from 'pino';
import { eventsParkedTotal } from '../metrics/event-metrics.js';
import { registerOutboxMetrics, unregisterOutboxMetrics } from '../metrics/outbox-metrics.js';
import type { EventEnvelope } from './event-envelope.js';
import { EventText } from './event-text.js';
import { wakeOnNotifications } from './notification-listener.js';
import { outboxChannel } from './outbox-tables.js';
import { EventPublishError } from './publish-error.js';
import { retryDelayMs, sleep } from './retry-backoff.js';
import { WakeSignal } from './wake-signal.js';

/**
 * Hands a batch of events (in outbox order) to the transport; resolves only once they are safely stored. The relay
 * hands them over as `EventText` (see `wholeEvent`/`eventJson`). A failure
 * that concerns one event (not the transport as a whole) is an `EventPublishError` naming it: the events before it
 * were stored.
 */
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
  /** Failed attempts after which an event is parked so the ones behind it go on (default 5). */
  maxAttempts?: number;
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
 * Publishes outbox rows. Each batch is one transaction: take the outbox's publishing lock, lock the oldest pending
 * rows, publish them, mark them, commit. The lock makes relays of several replicas take turns, so events leave in
 * outbox order and one insight's events (ordered by its row lock) are never overtaken. A failed publish rolls back,
 * so nothing is marked that the transport did not store; a crash after publishing only republishes, and the event id
 * as message id lets JetStream drop that duplicate. Rows are found by "not published", not by a high-water mark, so a
 * transaction that commits after a later one is still picked up.
 *
 * An event the transport refuses (as opposed to the transport being down) gets an attempt counted against it; after
 * `maxAttempts` it is parked, logged and counted, and the events behind it go on. `admin events replay` unparks it.
 */
export async function startOutboxRelay(options: OutboxRelayOptions): Promise<OutboxRelay> {
  const { db, schema, publish } = options;
  const log = options.log ?? pino({ level: 'silent' });
  const batchSize = options.batchSize ?? 500;
  const fallbackPollMs = options.fallbackPollMs ?? 1_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const wakeSignal = new WakeSignal();
  const stopping = new AbortController();
  let flushWaiters: FlushWaiter[] = [];
  const outbox = `${schema}.outbox`;

  const markPublished = (trx: Kysely<any>, seqs: number[]) =>
    seqs.length === 0
      ? Promise.resolve()
      : trx
          .withSchema(schema)
          .updateTable('outbox')
          .set({ published_at: sql`now()` })
          .where('seq', 'in', seqs)
          .execute();

  /** Counts a failed attempt against one event, parking it when attempts run out; true when it was parked. */
  const countFailedAttempt = async (
    trx: Kysely<any>,
    row: { seq: number; attempts: number; event: EventEnvelope },
    error: EventPublishError,
  ) => {
    const attempts = row.attempts + 1;
    const parked = attempts >= maxAttempts;
    const cause = String(error.message).slice(0, 2_000);
    await sql`UPDATE ${sql.table(outbox)} SET attempts = ${attempts}, last_error = ${cause},
      parked_at = ${parked ? sql`now()` : null} WHERE seq = ${row.seq}`.execute(trx);
    if (parked) {
      eventsParkedTotal.inc({ stage: 'publish', consumer: '' });
      log.error(
        { eventId: row.event.id, type: row.event.type, attempts, cause, schema },
        'event parked: the bus refused it after bounded attempts; `admin events replay` retries it',
      );
    } else {
      log.warn({ eventId: row.event.id, attempts, cause, schema }, 'the bus refused an event, retrying it');
    }
    return parked;
  };

  /**
   * One batch; answers how many events it settled (published or parked), and the failure to back off from when an
   * event was refused but not yet parked (the transaction still commits what was stored and the attempt).
   */
  const publishNextBatch = (): Promise<{ settled: number; failure?: unknown }> =>
    db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`outbox-relay:${outbox}`}))`.execute(trx);
      // As text: the relay only passes events on, parsing and serializing them again would be most of its work.
      const found: { seq: number; attempts: number; id: string; type: string; text: string }[] = await trx
        .withSchema(schema)
        .selectFrom('outbox')
        .select(['seq', 'attempts', sql<string>`event->>'id'`.as('id'), sql<string>`event->>'type'`.as('type')])
        .select(sql<string>`event::text`.as('text'))
        .where('published_at', 'is', null)
        .where('parked_at', 'is', null)
        .orderBy('seq')
        .limit(batchSize)
        .forUpdate()
        .execute();
      const rows = found.map(({ seq, attempts, id, type, text }) => ({
        seq,
        attempts,
        event: new EventText(id, type, text),
      }));
      if (rows.length === 0) return { settled: 0 };
      try {
        await publish(rows.map((row) => row.event));
      } catch (error) {
        if (!(error instanceof EventPublishError) || error.transient) throw error;
        const stored = rows.slice(0, error.index);
        await markPublished(
          trx,
          stored.map((row) => row.seq),
        );
        const parked = await countFailedAttempt(trx, rows[error.index]!, error);
        return parked ? { settled: stored.length + 1 } : { settled: stored.length, failure: error };
      }
      await markPublished(
        trx,
        rows.map((row) => row.seq),
      );
      return { settled: rows.length };
    });

  /** Publishes batches until none is left; false when interrupted by stop. */
  const drain = async () => {
    while (!stopping.signal.aborted) {
      const { settled, failure } = await publishNextBatch();
      if (failure) throw failure;
      if (settled === 0) return true;
      log.debug({ schema, settled }, 'published outbox events');
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

  registerOutboxMetrics(db, schema);
  const listener = await wakeOnNotifications(wakeSignal, {
    databaseUrl: options.databaseUrl,
    channel: outboxChannel(schema),
    log,
  });
  const running = run();

  return {
    async stop() {
      stopping.abort();
      wakeSignal.wake();
      await running;
      await listener.close();
      unregisterOutboxMetrics(schema);
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
