import { isDatabaseUnavailable } from '@insights/db';
import { type ConsumerMessages, type JsMsg, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import pino, { type Logger } from 'pino';
import { consumerLagSeconds, eventsConsumedTotal } from '../metrics/event-metrics.js';
import { CONSUMER_ACK_WAIT_MS, ensureDurableConsumer } from './ensure-durable-consumer.js';
import { assertEventEnvelope, type EventEnvelope } from './event-envelope.js';
import { eventPayloadStore, isExternalPayloadReference, resolveExternalPayload } from './event-payload-store.js';
import { createEventProcessor, DEFAULT_EVENT_MAX_ATTEMPTS } from './event-processor.js';
import { DEFAULT_EVENTS_MAX_AGE_MS } from './event-stream.js';
import { eventStreamName } from './event-subjects.js';
import { messageParts } from './message-parts.js';
import { type ParkedEventReplayer, startParkedEventReplayer } from './parked-event-replayer.js';
import { type BatchEventHandler, type EventHandler, oneByOne, processEventsOnce } from './process-event-once.js';
import { retryDelayMs, sleep } from './retry-backoff.js';
import { WakeSignal } from './wake-signal.js';

export interface DurableConsumerOptions<E extends EventEnvelope = EventEnvelope> {
  nc: NatsConnection;
  prefix: string;
  /** The consumer's name on the stream; replicas of a service share it and split the events. */
  durable: string;
  /** The stream to consume; the prefix's domain events stream by default. */
  stream?: string;
  /** A subject within the stream to receive only some event types. */
  filterSubject?: string;
  db: Kysely<any>;
  /** For the replayer's LISTEN connection; without it parked events are not replayed by this process. */
  databaseUrl?: string;
  schema: string;
  /** The reaction to one event; run for each event of a batch, in order, in the batch's transaction. */
  handle?: EventHandler<E>;
  /** Or the reaction to a batch of events at once (set-based writes). */
  handleBatch?: BatchEventHandler<E>;
  log?: Logger;
  /** Deliveries of one event that may fail before it is parked (default 5). */
  maxAttempts?: number;
  /** The first redelivery delay after a failure, doubling with each one (default 500 ms). */
  retryBaseMs?: number;
  /** How long payloads stored by reference are kept (the stream's max age). */
  eventsMaxAgeMs?: number;
  /** The most events handled in one transaction (default 500). */
  maxBatch?: number;
}

export interface DurableConsumer {
  /** Finishes the batch in hand, hands buffered events back to the server, and stops consuming. */
  stop(): Promise<void>;
}

const LOST_CONSUMER_NOTIFICATIONS = new Set(['consumer_not_found', 'consumer_deleted', 'stream_not_found']);

/** A message and the events it carries: one, or several when the publisher sent an array. */
interface Delivery<E> {
  message: JsMsg;
  events: E[];
}

/** Splits deliveries into runs of about `maxEvents` events each, never splitting a message's events. */
function chunksOf<E>(deliveries: Delivery<E>[], maxEvents: number): Delivery<E>[][] {
  const chunks: Delivery<E>[][] = [];
  let current: Delivery<E>[] = [];
  let events = 0;
  for (const delivery of deliveries) {
    if (current.length > 0 && events + delivery.events.length > maxEvents) {
      chunks.push(current);
      current = [];
      events = 0;
    }
    current.push(delivery);
    events += delivery.events.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Feeds the events of the stream to the handler in stream order, in batches: the events of every message already
 * delivered to this process (a message carries one event or an array of them) are handled in transactions of about
 * `maxBatch` events through `processEventsOnce`, and their messages acked only after it committed. When a batch fails,
 * its events are handled one by one, so one bad event cannot hold the others back: the message of a failing one is
 * nakked with a growing delay so the server redelivers it later (its other events are then skipped as processed), and
 * after `maxAttempts` deliveries the event is parked (and the message acked). Events that travelled by reference are
 * fetched from the object store first. The consume iterator of nats.js ends on some errors (and when the consumer
 * disappears), so it is recreated in a loop until
 * `stop()`. Fails fast when the stream does not exist yet: create it first.
 */
export async function startDurableConsumer<E extends EventEnvelope = EventEnvelope>(
  options: DurableConsumerOptions<E>,
): Promise<DurableConsumer> {
  const { nc, durable, db, schema, filterSubject } = options;
  const log = (options.log ?? pino({ level: 'silent' })).child({ durable });
  const stream = options.stream ?? eventStreamName(options.prefix);
  const handleBatch = options.handleBatch ?? oneByOne(options.handle ?? missingHandler);
  const handleOne: EventHandler<E> = (event, trx) => handleBatch([event], trx);
  const jsm = await jetstreamManager(nc);
  const js = jsm.jetstream();
  await ensureDurableConsumer(jsm, stream, durable, filterSubject);

  const stopping = new AbortController();
  let messages: ConsumerMessages | undefined;
  const maxAttempts = options.maxAttempts ?? DEFAULT_EVENT_MAX_ATTEMPTS;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const maxBatch = options.maxBatch ?? 500;
  const processEvent = createEventProcessor({ db, schema, consumer: durable, handle: handleOne, maxAttempts, log });
  const payloads = eventPayloadStore(nc, options.prefix, options.eventsMaxAgeMs ?? DEFAULT_EVENTS_MAX_AGE_MS);
  const replayer: ParkedEventReplayer | undefined = options.databaseUrl
    ? await startParkedEventReplayer({
        db,
        databaseUrl: options.databaseUrl,
        schema,
        consumer: durable,
        handle: handleOne,
        log,
      })
    : undefined;

  const redeliverLater = (message: JsMsg, error: unknown, eventId: string) => {
    const attempt = message.info.deliveryCount;
    const delayMs = retryDelayMs(attempt - 1, retryBaseMs, 60_000);
    log.warn({ err: error, eventId, attempt, delayMs }, 'event handler failed, redelivering later');
    message.nak(delayMs);
  };

  /**
   * The events a message carries (one, or an array of them), fetched whole where they came by reference; none when the
   * message was settled here. A part that is not an event is dropped (and logged), the others are handled.
   */
  const decode = async (message: JsMsg): Promise<E[]> => {
    let parsed: unknown;
    try {
      parsed = message.json();
    } catch (error) {
      log.error({ err: error, subject: message.subject, seq: message.seq }, 'dropping a message that is not an event');
      message.term();
      return [];
    }
    const events: EventEnvelope[] = [];
    for (const part of messageParts(parsed)) {
      try {
        assertEventEnvelope(part);
        events.push(part);
      } catch (error) {
        log.error(
          { err: error, subject: message.subject, seq: message.seq },
          'dropping a message part that is not an event',
        );
      }
    }
    if (events.length === 0) message.term();
    const wholeEvents: E[] = [];
    for (const event of events) {
      if (!isExternalPayloadReference(event)) {
        wholeEvents.push(event as E);
        continue;
      }
      try {
        const whole: unknown = await resolveExternalPayload(payloads, event);
        assertEventEnvelope(whole);
        wholeEvents.push(whole as E);
      } catch (error) {
        if (message.info.deliveryCount < maxAttempts) {
          redeliverLater(message, error, event.id);
          return [];
        }
        // Handled (and so parked) as the reference itself: a replay fetches the payload again.
        wholeEvents.push(event as unknown as E);
      }
    }
    return wholeEvents;
  };

  const recordBatchLag = (deliveries: Delivery<E>[]) => {
    const storedAt = Math.min(...deliveries.map(({ message }) => message.info.timestampNanos / 1e6));
    consumerLagSeconds.set({ consumer: durable }, Math.max(0, (Date.now() - storedAt) / 1000));
    const events = deliveries.reduce((sum, delivery) => sum + delivery.events.length, 0);
    eventsConsumedTotal.inc({ consumer: durable, outcome: 'committed' }, events);
  };

  /**
   * One by one, after a batch failed: each event succeeds, is to be retried, or is parked. A message is acked once
   * none of its events is to be retried; otherwise it is redelivered later, and its events handled meanwhile are
   * skipped then as already processed.
   */
  const settleOneByOne = async (deliveries: Delivery<E>[]) => {
    for (const delivery of deliveries) {
      const { message, events } = delivery;
      let retry: { error: unknown; eventId: string } | undefined;
      for (const event of events) {
        const result = await processEvent(event, message.info.deliveryCount);
        if (result.outcome === 'retry') retry ??= { error: result.error, eventId: event.id };
      }
      if (retry) redeliverLater(message, retry.error, retry.eventId);
      else {
        message.ack();
        recordBatchLag([delivery]);
      }
    }
  };

  /** The events of some messages in one transaction; acked once it committed. */
  const settleTogether = async (deliveries: Delivery<E>[]) => {
    const events = deliveries.flatMap((delivery) => delivery.events);
    if (events.length === 1) {
      await settleOneByOne(deliveries);
      return;
    }
    // Long batches must not let the ack deadline pass, or the server would hand the events to another replica.
    const keepAlive = setInterval(() => {
      for (const { message } of deliveries) message.working();
    }, CONSUMER_ACK_WAIT_MS / 3);
    try {
      const outcome = await processEventsOnce(db, schema, events, handleBatch);
      for (const { message } of deliveries) message.ack();
      recordBatchLag(deliveries);
      log.debug({ ...outcome, batch: events.length }, 'events consumed');
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        for (const { message, events: carried } of deliveries) redeliverLater(message, error, carried[0]!.id);
      } else {
        log.warn({ err: error, batch: events.length }, 'batch failed, handling its events one by one');
        await settleOneByOne(deliveries);
      }
    } finally {
      clearInterval(keepAlive);
    }
  };

  const settleBatch = async (batch: JsMsg[]) => {
    const deliveries: Delivery<E>[] = [];
    for (const message of batch) {
      const events = await decode(message);
      if (events.length > 0) deliveries.push({ message, events });
    }
    for (const chunk of chunksOf(deliveries, maxBatch)) await settleTogether(chunk);
  };

  const stopWhenConsumerIsLost = async (current: ConsumerMessages) => {
    for await (const status of current.status()) {
      if (LOST_CONSUMER_NOTIFICATIONS.has(status.type)) {
        log.warn({ status }, 'durable consumer is gone, recreating it');
        // Not awaited: the iterator only finishes closing once the loop below has drained it.
        void current.close();
      }
    }
  };

  /**
   * Reads messages as they arrive and handles them in batches: once one is in, a turn of the event loop lets every
   * message already delivered join it (nats.js hands buffered messages over in microtasks), up to `maxBatch`.
   */
  const consumeInBatches = async (current: ConsumerMessages) => {
    const queue: JsMsg[] = [];
    const arrived = new WakeSignal();
    let reading = true;
    const reader = (async () => {
      try {
        for await (const message of current) {
          if (stopping.signal.aborted) {
            // Already delivered to us: hand it back now instead of letting it wait out the ack deadline.
            message.nak();
            continue;
          }
          queue.push(message);
          arrived.wake();
        }
      } finally {
        reading = false;
        arrived.wake();
      }
    })();
    while (reading || queue.length > 0) {
      if (queue.length === 0) {
        await arrived.wait(1_000);
        continue;
      }
      await new Promise((resolve) => setImmediate(resolve));
      const batch = queue.splice(0, maxBatch);
      if (stopping.signal.aborted) {
        for (const message of batch) message.nak();
        continue;
      }
      try {
        await settleBatch(batch);
      } catch (error) {
        log.warn({ err: error, batch: batch.length }, 'could not settle a batch, it will be redelivered');
      }
    }
    await reader;
  };

  const consumeUntilStopped = async () => {
    let attempt = 0;
    while (!stopping.signal.aborted && !nc.isClosed()) {
      try {
        // After a failure the consumer may be gone (e.g. a server restarted without its store).
        if (attempt > 0) await ensureDurableConsumer(jsm, stream, durable, filterSubject);
        const consumer = await js.consumers.get(stream, durable);
        const current = await consumer.consume({ max_messages: maxBatch });
        messages = current;
        if (stopping.signal.aborted) void current.close();
        stopWhenConsumerIsLost(current).catch((error) => log.debug({ err: error }, 'consumer status watch ended'));
        attempt = 0;
        await consumeInBatches(current);
      } catch (error) {
        log.warn({ err: error }, 'durable consumer interrupted');
      }
      if (stopping.signal.aborted || nc.isClosed()) break;
      await sleep(retryDelayMs(attempt++, 250, 10_000), stopping.signal);
    }
  };

  const running = consumeUntilStopped();

  return {
    async stop() {
      stopping.abort();
      // The consuming loop drains what is buffered (handing it back) and then ends.
      void messages?.close();
      await running;
      await replayer?.stop();
    },
  };
}

const missingHandler: EventHandler<any> = async () => {
  throw new Error('a durable consumer needs handle or handleBatch');
};
