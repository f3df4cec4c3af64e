import type { EventEnvelope } from './event-envelope.js';

/** A subscriber of the in-process bus; services pass `(event) => processEventOnce(db, schema, event, handle)`. */
export type EventDelivery = (event: EventEnvelope) => Promise<unknown>;

export interface InProcessEventBus {
  /** Resolves once every subscriber handled every event; rejects if any of them failed. */
  publish(events: EventEnvelope[]): Promise<void>;
  subscribe(name: string, deliver: EventDelivery): void;
}

/**
 * Single-process mode: the outbox relay publishes straight into the consumers' handlers. Awaiting every
 * delivery plays the role of the JetStream ack: the relay marks rows published only after all handlers
 * committed, and on a failure it retries the whole batch, where handlers that already committed see
 * duplicates. Each subscriber receives the events one at a time, in outbox order.
 */
export function createInProcessEventBus(): InProcessEventBus {
  const subscribers = new Map<string, EventDelivery>();

  return {
    subscribe(name, deliver) {
      if (subscribers.has(name)) throw new Error(`an in-process subscriber named ${name} already exists`);
      subscribers.set(name, deliver);
    },
    async publish(events) {
      const deliveries = [...subscribers].map(async ([name, deliver]) => {
        for (const event of events) {
          try {
            await deliver(event);
          } catch (error) {
            throw new Error(`subscriber ${name} failed to handle event ${event.id}`, { cause: error });
          }
        }
      });
      // Wait for all of them even when one fails, so a retry never overlaps a delivery still running.
      const results = await Promise.allSettled(deliveries);
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}
