export { type DurableConsumer, type DurableConsumerOptions, startDurableConsumer } from './durable-consumer.js';
export { ensureDurableConsumer } from './ensure-durable-consumer.js';
export {
  definedConsumerOptions,
  type EventConsumerDefinition,
  startServiceConsumer,
} from './event-consumer-definition.js';
export { assertEventEnvelope, type EventEnvelope } from './event-envelope.js';
export { eventPayloadBucket } from './event-payload-store.js';
export {
  createEventProcessor,
  DEFAULT_EVENT_MAX_ATTEMPTS,
  type EventOutcome,
  type EventProcessorOptions,
} from './event-processor.js';
export { DEFAULT_EVENTS_MAX_AGE_MS, ensureEventStream } from './event-stream.js';
export { allEventsSubject, eventStreamName, eventSubject } from './event-subjects.js';
export {
  createInProcessEventBus,
  type EventDelivery,
  type InProcessEventBus,
  type InProcessEventBusOptions,
} from './in-process-event-bus.js';
export {
  allIngestSubjects,
  ensureIngestStream,
  ingestStreamName,
  ingestSubject,
} from './ingest-stream.js';
export { createJetStreamPublisher, type JetStreamPublisherOptions } from './jetstream-publisher.js';
export { listenForNotifications } from './notification-listener.js';
export { type EventPublisher, type OutboxRelay, type OutboxRelayOptions, startOutboxRelay } from './outbox-relay.js';
export {
  addOutboxParking,
  createOutboxTable,
  createParkedEventsTable,
  createProcessedEventsTable,
  outboxChannel,
  replayChannel,
} from './outbox-tables.js';
export { type ParkedEventReplayer, startParkedEventReplayer } from './parked-event-replayer.js';
export { countConsumerParked, countOutboxParked, parkConsumedEvent } from './parked-events.js';
export {
  type BatchEventHandler,
  type EventHandler,
  oneByOne,
  type ProcessOutcome,
  processEventOnce,
  processEventsOnce,
} from './process-event-once.js';
export { EventPublishError, isTransientNatsError } from './publish-error.js';
export {
  isEventId,
  type ReplaySelection,
  requestConsumerReplay,
  requestOutboxReplay,
} from './replay-requests.js';
export { writeOutboxEvent, writeOutboxEvents } from './write-outbox-event.js';
