import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ServiceEnv } from '../service-env.js';
import { type DurableConsumer, startDurableConsumer } from './durable-consumer.js';
import type { EventEnvelope } from './event-envelope.js';
import { eventSubject } from './event-subjects.js';
import type { BatchEventHandler, EventHandler } from './process-event-once.js';

/** What a service consumes: its durable name, the event types it takes, where it keeps its marks, its handler. */
export interface EventConsumerDefinition<E extends EventEnvelope = EventEnvelope> {
  /** The consumer's name on the stream (replicas of the service share it), and in `parked_event`. */
  durable: string;
  /** Event types within the domain events stream, e.g. `insight.>`. */
  types: string;
  /** Another stream to consume instead of the domain events, and the subjects taken from it. */
  source?: { stream(prefix: string): string; subject(prefix: string): string };
  schema: string;
  /** The reaction to one event (parked events are replayed through it). */
  handle: EventHandler<E>;
  /** Optionally, the same reaction for many events at once, in order, in one transaction (set-based writes). */
  handleBatch?: BatchEventHandler<E>;
  /** The most messages handled in one transaction (default 500). */
  maxBatch?: number;
}

/** The part of `startDurableConsumer`'s options a definition decides, for `prefix`. */
export function definedConsumerOptions<E extends EventEnvelope>(
  definition: EventConsumerDefinition<E>,
  prefix: string,
) {
  return {
    durable: definition.durable,
    ...(definition.source ? { stream: definition.source.stream(prefix) } : {}),
    filterSubject: definition.source ? definition.source.subject(prefix) : eventSubject(prefix, definition.types),
    schema: definition.schema,
    handle: definition.handle,
    ...(definition.handleBatch ? { handleBatch: definition.handleBatch } : {}),
    ...(definition.maxBatch ? { maxBatch: definition.maxBatch } : {}),
  };
}

/**
 * A service's durable consumer as `main` runs it: the definition plus the service's settings (redelivery, parking,
 * payload retention) and its database URL for replaying parked events.
 */
export function startServiceConsumer<E extends EventEnvelope>(
  definition: EventConsumerDefinition<E>,
  parts: { nc: NatsConnection; db: Kysely<any>; env: ServiceEnv; log?: Logger },
): Promise<DurableConsumer> {
  return startDurableConsumer<E>({
    ...definedConsumerOptions(definition, parts.env.natsPrefix),
    nc: parts.nc,
    prefix: parts.env.natsPrefix,
    db: parts.db,
    databaseUrl: parts.env.databaseUrl,
    log: parts.log,
    maxAttempts: parts.env.eventMaxAttempts,
    retryBaseMs: parts.env.eventRetryBaseMs,
    eventsMaxAgeMs: parts.env.eventsMaxAgeMs,
  });
}
