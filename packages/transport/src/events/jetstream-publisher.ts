import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { eventsByReferenceTotal } from '../metrics/event-metrics.js';
import type { EventEnvelope } from './event-envelope.js';
import { type ExternalPayloadReference, eventPayloadStore } from './event-payload-store.js';
import { DEFAULT_EVENTS_MAX_AGE_MS } from './event-stream.js';
import { eventStreamName, eventSubject } from './event-subjects.js';
import type { EventPublisher } from './outbox-relay.js';
import { EventPublishError, isTransientNatsError } from './publish-error.js';

export interface JetStreamPublisherOptions {
  nc: NatsConnection;
  prefix: string;
  /** How long to wait for each PubAck. Defaults to the JetStream client's timeout. */
  timeoutMs?: number;
  /** How long payloads stored by reference are kept: the events stream's max age. */
  eventsMaxAgeMs?: number;
  /** Events larger than this travel by reference; defaults to the server's max_payload less room for headers. */
  maxMessageBytes?: number;
  /** The stream the events go to and each event's subject in it; the domain events stream by default. */
  stream?: string;
  subjectOf?: (event: EventEnvelope) => string;
}

const HEADER_ROOM_BYTES = 8 * 1024;

/**
 * The relay's `publish` for NATS: every event goes to `<prefix>.events.<type>` with its id as `Nats-Msg-Id`, and the
 * returned promise resolves only after JetStream acknowledged storing all of them (a duplicate ack counts: the event
 * is stored). An event larger than one message is first stored whole in the object store, and the stream gets a
 * small reference that consumers resolve. Messages are sent back to back on one connection, so the stream keeps their
 * order, and the acks are awaited together; a failure names the first event that was not stored.
 */
export function createJetStreamPublisher(options: JetStreamPublisherOptions): EventPublisher {
  const js = jetstream(options.nc, options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs });
  const stream = options.stream ?? eventStreamName(options.prefix);
  const subjectOf = options.subjectOf ?? ((event: EventEnvelope) => eventSubject(options.prefix, event.type));
  const encoder = new TextEncoder();
  const payloads = eventPayloadStore(options.nc, options.prefix, options.eventsMaxAgeMs ?? DEFAULT_EVENTS_MAX_AGE_MS);
  // The server's limit is only known while connected; remember the last one seen (NATS' default before that).
  let serverMaxPayload = 1024 * 1024;
  const maxMessageBytes = () => {
    serverMaxPayload = options.nc.info?.max_payload ?? serverMaxPayload;
    return (options.maxMessageBytes ?? serverMaxPayload) - HEADER_ROOM_BYTES;
  };

  const messageOf = async (event: EventEnvelope): Promise<Uint8Array> => {
    const whole = encoder.encode(JSON.stringify(event));
    if (whole.length <= maxMessageBytes()) return whole;
    await (await payloads()).putBlob({ name: event.id }, whole);
    eventsByReferenceTotal.inc();
    const reference: ExternalPayloadReference = {
      id: event.id,
      type: event.type,
      externalPayload: { store: 'object', name: event.id },
    };
    return encoder.encode(JSON.stringify(reference));
  };

  /** Sends prepared messages back to back (so the stream keeps their order) and awaits their acks together. */
  const publishInOrder = async (events: EventEnvelope[], messages: Uint8Array[]) => {
    const results = await Promise.allSettled(
      messages.map((message, index) => {
        const event = events[index]!;
        return js.publish(subjectOf(event), message, { msgID: event.id });
      }),
    );
    for (const [index, result] of results.entries()) {
      if (result.status === 'rejected') {
        throw new EventPublishError(index, isTransientNatsError(result.reason), result.reason);
      }
      if (result.value.stream !== stream) {
        const error = new Error(`event ${events[index]?.id} was stored in stream ${result.value.stream}`);
        throw new EventPublishError(index, false, error);
      }
    }
  };

  return async (events: EventEnvelope[]) => {
    const messages: Uint8Array[] = [];
    for (const event of events) {
      try {
        messages.push(await messageOf(event));
      } catch (error) {
        // The events before this one still go out; this one is retried (or parked) on its own.
        await publishInOrder(events, messages);
        throw new EventPublishError(messages.length, isTransientNatsError(error), error);
      }
    }
    await publishInOrder(events, messages);
  };
}
