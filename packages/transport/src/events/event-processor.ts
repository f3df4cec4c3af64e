import { isDatabaseUnavailable } from '@insights/db';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { eventsParkedTotal } from '../metrics/event-metrics.js';
import type { EventEnvelope } from './event-envelope.js';
import { describeCause, parkConsumedEvent } from './parked-events.js';
import { type EventHandler, processEventOnce } from './process-event-once.js';

export const DEFAULT_EVENT_MAX_ATTEMPTS = 5;

export type EventOutcome =
  | { outcome: 'processed' | 'duplicate' }
  /** Try this event again later. */
  | { outcome: 'retry'; error: unknown }
  /** Given up on: set aside in `parked_event`, so the events behind it go on. */
  | { outcome: 'parked'; error: unknown };

export interface EventProcessorOptions<E extends EventEnvelope> {
  db: Kysely<any>;
  schema: string;
  /** The consumer's name, kept with what it parks (a schema may hold several consumers). */
  consumer: string;
  handle: EventHandler<E>;
  maxAttempts?: number;
  log: Logger;
}

/**
 * One consumer's handling of one delivery of an event: `processEventOnce`, and on failure either "try again later" or,
 * once `maxAttempts` deliveries failed, park it. A failure because the database is unreachable is never the event's
 * fault: it is retried without end (and nothing could be parked anyway).
 */
export function createEventProcessor<E extends EventEnvelope>(options: EventProcessorOptions<E>) {
  const maxAttempts = options.maxAttempts ?? DEFAULT_EVENT_MAX_ATTEMPTS;
  // Subscribers receive every event of their subject (or, in-process, every event); the handler narrows the type.
  return async (event: EventEnvelope, attempt: number): Promise<EventOutcome> => {
    try {
      return { outcome: await processEventOnce(options.db, options.schema, event as E, options.handle) };
    } catch (error) {
      if (isDatabaseUnavailable(error) || attempt < maxAttempts) return { outcome: 'retry', error };
      await parkConsumedEvent(options.db, options.schema, options.consumer, event, error, attempt);
      eventsParkedTotal.inc({ stage: 'consume', consumer: options.consumer });
      options.log.error(
        {
          eventId: event.id,
          type: event.type,
          consumer: options.consumer,
          attempts: attempt,
          cause: describeCause(error),
        },
        'event parked: its handler failed after bounded attempts; `admin events replay` retries it',
      );
      return { outcome: 'parked', error };
    }
  };
}
