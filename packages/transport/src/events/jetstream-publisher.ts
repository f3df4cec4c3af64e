import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventEnvelope } from './event-envelope.js';
import { eventStreamName, eventSubject } from './event-subjects.js';
import type { EventPublisher } from './outbox-relay.js';

export interface JetStreamPublisherOptions {
  nc: NatsConnection;
  prefix: string;
  /** How long to wait for each PubAck. Defaults to the JetStream client's timeout. */
  timeoutMs?: number;
}

/**
 * The relay's `publish` for NATS: every event goes to `<prefix>.events.<type>` with its id as
 * `Nats-Msg-Id`, and the returned promise resolves only after JetStream acknowledged storing all of them
 * (a duplicate ack counts: the event is stored). Messages are sent back to back on one connection, so
 * the stream keeps their order, and the acks are awaited together.
 */
export function createJetStreamPublisher(options: JetStreamPublisherOptions): EventPublisher {
  const js = jetstream(options.nc, options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs });
  const stream = eventStreamName(options.prefix);
  const encoder = new TextEncoder();

  return async (events: EventEnvelope[]) => {
    const results = await Promise.allSettled(
      events.map((event) =>
        js.publish(eventSubject(options.prefix, event.type), encoder.encode(JSON.stringify(event)), {
          msgID: event.id,
        }),
      ),
    );
    for (const [index, result] of results.entries()) {
      if (result.status === 'rejected') {
        throw new Error(`JetStream did not store event ${events[index]?.id}`, { cause: result.reason });
      }
      if (result.value.stream !== stream) {
        throw new Error(`event ${events[index]?.id} was stored in stream ${result.value.stream}, expected ${stream}`);
      }
    }
  };
}
