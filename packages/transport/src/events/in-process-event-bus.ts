import type { EventEnvelope } from './event-envelope.js';
import type { EventOutcome } from './event-processor.js';
import { wholeEvent } from './event-text.js';
import { retryDelayMs, sleep } from './retry-backoff.js';

/** A subscriber of the in-process bus: `createEventProcessor(...)` of the consuming service. */
export type EventDelivery = (event: EventEnvelope, attempt: number) => Promise<EventOutcome>;

export interface InProcessEventBus {
  /** Resolves once every subscriber handled (or parked) every event; rejects if one could do neither. */
  publish(events: EventEnvelope[]): Promise<void>;
  subscribe(name: string, deliver: EventDelivery): void;
}

export interface InProcessEventBusOptions {
  /** Deliveries of one event to one subscriber before the bus gives up on the batch (the relay retries it). */
  maxAttempts?: number;
  retryBaseMs?: number;
}

/**
 * Single-process mode: the outbox relay publishes straight into the consumers' processors. Awaiting every delivery
 * plays the role of the JetStream ack: the relay marks rows published only after all subscribers committed or parked
 * them. A failing event is redelivered with a growing delay, as JetStream would, until its processor parks it; only
 * when even that is impossible (the database is down) does the batch fail, and the relay retries it later, where
 * subscribers that already committed see duplicates. Each subscriber receives the events one at a time, in order.
 */
export function createInProcessEventBus(options: InProcessEventBusOptions = {}): InProcessEventBus {
  const subscribers = new Map<string, EventDelivery>();
  const maxAttempts = options.maxAttempts ?? 8;
  const retryBaseMs = options.retryBaseMs ?? 200;

  const deliverUntilSettled = async (name: string, deliver: EventDelivery, event: EventEnvelope) => {
    for (let attempt = 1; ; attempt++) {
      const result = await deliver(event, attempt);
      if (result.outcome !== 'retry') return;
      if (attempt >= maxAttempts) {
        throw new Error(`subscriber ${name} failed to handle event ${event.id}`, { cause: result.error });
      }
      await sleep(retryDelayMs(attempt - 1, retryBaseMs, 5_000));
    }
  };

  return {
    subscribe(name, deliver) {
      if (subscribers.has(name)) throw new Error(`an in-process subscriber named ${name} already exists`);
      subscribers.set(name, deliver);
    },
    async publish(events) {
      const whole = events.map(wholeEvent);
      const deliveries = [...subscribers].map(async ([name, deliver]) => {
        for (const event of whole) await deliverUntilSettled(name, deliver, event);
      });
      // Wait for all of them even when one fails, so a retry never overlaps a delivery still running.
      const results = await Promise.allSettled(deliveries);
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}
