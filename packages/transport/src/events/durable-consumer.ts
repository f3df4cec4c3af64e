import { type ConsumerMessages, type JsMsg, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import pino, { type Logger } from 'pino';
import { CONSUMER_ACK_WAIT_MS, ensureDurableConsumer } from './ensure-durable-consumer.js';
import { assertEventEnvelope, type EventEnvelope } from './event-envelope.js';
import { eventPayloadStore, isExternalPayloadReference, resolveExternalPayload } from './event-payload-store.js';
import { createEventProcessor, DEFAULT_EVENT_MAX_ATTEMPTS } from './event-processor.js';
import { DEFAULT_EVENTS_MAX_AGE_MS } from './event-stream.js';
import { eventStreamName } from './event-subjects.js';
import { type ParkedEventReplayer, startParkedEventReplayer } from './parked-event-replayer.js';
import type { EventHandler } from './process-event-once.js';
import { retryDelayMs, sleep } from './retry-backoff.js';

export interface DurableConsumerOptions<E extends EventEnvelope = EventEnvelope> {
  nc: NatsConnection;
  prefix: string;
  /** The consumer's name on the stream; replicas of a service share it and split the events. */
  durable: string;
  /** A subject within `<prefix>.events.>` to receive only some event types. */
  filterSubject?: string;
  db: Kysely<any>;
  /** For the replayer's LISTEN connection; without it parked events are not replayed by this process. */
  databaseUrl?: string;
  schema: string;
  handle: EventHandler<E>;
  log?: Logger;
  /** Deliveries of one event that may fail before it is parked (default 5). */
  maxAttempts?: number;
  /** The first redelivery delay after a failure, doubling with each one (default 500 ms). */
  retryBaseMs?: number;
  /** How long payloads stored by reference are kept (the stream's max age). */
  eventsMaxAgeMs?: number;
}

export interface DurableConsumer {
  /** Finishes the event in hand, hands buffered ones back to the server, and stops consuming. */
  stop(): Promise<void>;
}

const LOST_CONSUMER_NOTIFICATIONS = new Set(['consumer_not_found', 'consumer_deleted', 'stream_not_found']);

/**
 * Feeds the events of the stream to `handle`, one at a time and in stream order, through
 * `processEventOnce`. A message is acked only after the handler's transaction committed; a failure naks it
 * with a growing delay so the server redelivers it later, and after `maxAttempts` deliveries the event is parked
 * (and acked) so it never blocks the ones behind it. Events that travelled by reference are fetched from the object
 * store first. The consume iterator of nats.js ends on some errors (and when the consumer disappears), so it is
 * recreated in a loop until `stop()`. Fails fast when the stream does not exist yet: create it first with
 * `ensureEventStream`.
 */
export async function startDurableConsumer<E extends EventEnvelope = EventEnvelope>(
  options: DurableConsumerOptions<E>,
): Promise<DurableConsumer> {
  const { nc, durable, db, schema, handle, filterSubject } = options;
  const log = (options.log ?? pino({ level: 'silent' })).child({ durable });
  const stream = eventStreamName(options.prefix);
  const jsm = await jetstreamManager(nc);
  const js = jsm.jetstream();
  await ensureDurableConsumer(jsm, stream, durable, filterSubject);

  const stopping = new AbortController();
  let messages: ConsumerMessages | undefined;
  const maxAttempts = options.maxAttempts ?? DEFAULT_EVENT_MAX_ATTEMPTS;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const processEvent = createEventProcessor({ db, schema, consumer: durable, handle, maxAttempts, log });
  const payloads = eventPayloadStore(nc, options.prefix, options.eventsMaxAgeMs ?? DEFAULT_EVENTS_MAX_AGE_MS);
  const replayer: ParkedEventReplayer | undefined = options.databaseUrl
    ? await startParkedEventReplayer({ db, databaseUrl: options.databaseUrl, schema, consumer: durable, handle, log })
    : undefined;

  const handleMessage = async (message: JsMsg) => {
    let event: E;
    try {
      const parsed: unknown = message.json();
      assertEventEnvelope(parsed);
      event = parsed as E;
    } catch (error) {
      log.error({ err: error, subject: message.subject, seq: message.seq }, 'dropping a message that is not an event');
      message.term();
      return;
    }
    if (isExternalPayloadReference(event)) {
      try {
        const whole: unknown = await resolveExternalPayload(payloads, event);
        assertEventEnvelope(whole);
        event = whole as E;
      } catch (error) {
        const attempt = message.info.deliveryCount;
        if (attempt < maxAttempts) {
          log.warn({ err: error, eventId: event.id }, 'could not fetch an event payload, redelivering later');
          message.nak(retryDelayMs(attempt - 1, retryBaseMs, 60_000));
          return;
        }
        // Park the reference itself: a replay fetches the payload again.
      }
    }
    // Long handlers must not let the ack deadline pass, or the server would hand the event to another replica.
    const keepAlive = setInterval(() => message.working(), CONSUMER_ACK_WAIT_MS / 3);
    try {
      const attempt = message.info.deliveryCount;
      const result = await processEvent(event, attempt);
      if (result.outcome === 'retry') {
        const delayMs = retryDelayMs(attempt - 1, retryBaseMs, 60_000);
        log.warn(
          { err: result.error, eventId: event.id, type: event.type, attempt, delayMs },
          'event handler failed, redelivering later',
        );
        message.nak(delayMs);
        return;
      }
      log.debug({ eventId: event.id, type: event.type, outcome: result.outcome }, 'event consumed');
    } finally {
      clearInterval(keepAlive);
    }
    message.ack();
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

  const consumeUntilStopped = async () => {
    let attempt = 0;
    while (!stopping.signal.aborted && !nc.isClosed()) {
      try {
        // After a failure the consumer may be gone (e.g. a server restarted without its store).
        if (attempt > 0) await ensureDurableConsumer(jsm, stream, durable, filterSubject);
        const consumer = await js.consumers.get(stream, durable);
        // A small buffer: buffered messages wait for the one in hand, and their ack deadline is already running.
        const current = await consumer.consume({ max_messages: 32 });
        messages = current;
        if (stopping.signal.aborted) void current.close();
        stopWhenConsumerIsLost(current).catch((error) => log.debug({ err: error }, 'consumer status watch ended'));
        for await (const message of current) {
          attempt = 0;
          if (stopping.signal.aborted) {
            // Already delivered to us: hand it back now instead of letting it wait out the ack deadline.
            message.nak();
            continue;
          }
          try {
            await handleMessage(message);
          } catch (error) {
            log.warn({ err: error, seq: message.seq }, 'could not settle a message, it will be redelivered');
          }
        }
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
