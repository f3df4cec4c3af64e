import { counter, gauge } from './registry.js';

/** Events set aside after bounded retries: by the outbox relay (`stage="publish"`) or by a consumer. */
export const eventsParkedTotal = counter('insights_events_parked_total', 'Events parked after bounded retries', [
  'stage',
  'consumer',
] as const);

/** Parked events handed back for another attempt with `admin events replay`. */
export const eventsReplayedTotal = counter('insights_events_replayed_total', 'Parked events replayed', [
  'stage',
  'consumer',
  'outcome',
] as const);

/** Events whose payload was too large for one bus message and travelled by reference instead. */
export const eventsByReferenceTotal = counter(
  'insights_events_by_reference_total',
  'Events published with their payload in the object store',
  [] as const,
);

/** For each consumer, how long the events of its latest batch waited in the stream before being handled. */
export const consumerLagSeconds = gauge(
  'insights_consumer_lag_seconds',
  'Seconds between an event being stored in the stream and its consumer committing it (latest batch)',
  ['consumer'] as const,
);

/** Events a consumer handled, by outcome. */
export const eventsConsumedTotal = counter('insights_events_consumed_total', 'Events handled by consumers', [
  'consumer',
  'outcome',
] as const);
