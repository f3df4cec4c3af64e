import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { eventsByReferenceTotal } from '../metrics/event-metrics.js';
import type { EventEnvelope } from './event-envelope.js';
import { type ExternalPayloadReference, eventPayloadStore } from './event-payload-store.js';
import { DEFAULT_EVENTS_MAX_AGE_MS } from './event-stream.js';
import { eventStreamName, eventSubject } from './event-subjects.js';
import { eventJson } from './event-text.js';
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
/** Big enough that a burst takes a few messages, small enough that consumers start on it while the rest is sent. */
const MAX_GROUP_BYTES = 64 * 1024;
const MAX_EVENTS_PER_MESSAGE = 100;

/** Consecutive events of one subject that travel as one message (a JSON array of them, or one event alone). */
interface MessageGroup {
  /** The index of its first event in the published batch. */
  start: number;
  count: number;
  subject: string;
  msgID: string;
  parts: Uint8Array[];
  bytes: number;
}

const OPEN_ARRAY = new Uint8Array([0x5b]);
const COMMA = new Uint8Array([0x2c]);
const CLOSE_ARRAY = new Uint8Array([0x5d]);

function messageBody(group: MessageGroup): Uint8Array {
  if (group.count === 1) return group.parts[0]!;
  const pieces: Uint8Array[] = [OPEN_ARRAY];
  for (const [index, part] of group.parts.entries()) {
    if (index > 0) pieces.push(COMMA);
    pieces.push(part);
  }
  pieces.push(CLOSE_ARRAY);
  return Buffer.concat(pieces);
}

/**
 * The relay's `publish` for NATS: events go to `<prefix>.events.<type>`, and the returned promise resolves only after
 * JetStream acknowledged storing all of them (a duplicate ack counts: the event is stored). Consecutive events of one
 * subject travel together as one message holding a JSON array (up to 100 events and 64 kB), so a
 * burst costs the stream, the bus and every consumer a few messages instead of one per event; a lone event is a
 * message of its own, as is an event larger than one message, which is first stored whole in the object store while
 * the stream gets a small reference that consumers resolve. A message's id (`Nats-Msg-Id`) is its event's id, or the
 * first event's id and the count for an array, so republishing the same rows after a crash is dropped as a duplicate
 * (consumers skip an event they handled in any case). Messages are sent back to back on one connection, so the stream
 * keeps their order, and the acks are awaited together; a failure names the first event that was not stored. When
 * the server refuses an array, its events are sent again one per message, so the refusal names the event at fault.
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

  /** The event's own message text, or a reference to it once stored whole in the object store; and whether it is one. */
  const encodeEvent = async (event: EventEnvelope): Promise<{ bytes: Uint8Array; byReference: boolean }> => {
    const whole = encoder.encode(eventJson(event));
    if (whole.length <= maxMessageBytes()) return { bytes: whole, byReference: false };
    await (await payloads()).putBlob({ name: event.id }, whole);
    eventsByReferenceTotal.inc();
    const reference: ExternalPayloadReference = {
      id: event.id,
      type: event.type,
      externalPayload: { store: 'object', name: event.id },
    };
    return { bytes: encoder.encode(JSON.stringify(reference)), byReference: true };
  };

  /** Encodes the events into groups; stops at the first that cannot be encoded and says which. */
  const groupEvents = async (events: readonly EventEnvelope[], perMessage: number) => {
    const groups: MessageGroup[] = [];
    const groupLimit = Math.min(MAX_GROUP_BYTES, maxMessageBytes());
    let open: MessageGroup | undefined;
    for (const [index, event] of events.entries()) {
      let encoded: { bytes: Uint8Array; byReference: boolean };
      try {
        encoded = await encodeEvent(event);
      } catch (error) {
        return { groups, failure: { index, error } };
      }
      const subject = subjectOf(event);
      const joins =
        open !== undefined &&
        !encoded.byReference &&
        open.subject === subject &&
        open.count < perMessage &&
        open.bytes + encoded.bytes.length + 1 <= groupLimit;
      if (joins && open) {
        open.parts.push(encoded.bytes);
        open.count += 1;
        open.bytes += encoded.bytes.length + 1;
        open.msgID = `${events[open.start]!.id}+${open.count}`;
        continue;
      }
      open = {
        start: index,
        count: 1,
        subject,
        msgID: event.id,
        parts: [encoded.bytes],
        bytes: encoded.bytes.length + 2,
      };
      groups.push(open);
      // A reference stays alone: nothing joins it.
      if (encoded.byReference) open = undefined;
    }
    return { groups, failure: undefined };
  };

  /** Sends the groups back to back (so the stream keeps their order) and awaits their acks together. */
  const publishInOrder = async (events: readonly EventEnvelope[], groups: MessageGroup[]) => {
    const results = await Promise.allSettled(
      groups.map((group) => js.publish(group.subject, messageBody(group), { msgID: group.msgID })),
    );
    for (const [index, result] of results.entries()) {
      const group = groups[index]!;
      if (result.status === 'rejected') {
        const transient = isTransientNatsError(result.reason);
        if (!transient && group.count > 1) {
          // Up to the last event grouped: one that could not be encoded (and those behind it) are not resent here.
          const last = groups.at(-1)!;
          await publishOneByOne(events.slice(group.start, last.start + last.count), group.start);
          return;
        }
        throw new EventPublishError(group.start, transient, result.reason);
      }
      if (result.value.stream !== stream) {
        const error = new Error(`event ${events[group.start]?.id} was stored in stream ${result.value.stream}`);
        throw new EventPublishError(group.start, false, error);
      }
    }
  };

  const publishGrouped = async (events: readonly EventEnvelope[], perMessage: number) => {
    const { groups, failure } = await groupEvents(events, perMessage);
    await publishInOrder(events, groups);
    // The events before the one that could not be encoded went out; it is retried (or parked) on its own.
    if (failure) throw new EventPublishError(failure.index, isTransientNatsError(failure.error), failure.error);
  };

  /** After a refused array: every event a message of its own, failures named by their index in the whole batch. */
  const publishOneByOne = async (events: readonly EventEnvelope[], offset: number) => {
    try {
      await publishGrouped(events, 1);
    } catch (error) {
      if (error instanceof EventPublishError)
        throw new EventPublishError(offset + error.index, error.transient, error.cause);
      throw error;
    }
  };

  return (events: EventEnvelope[]) => publishGrouped(events, MAX_EVENTS_PER_MESSAGE);
}
