import { randomUUID } from 'node:crypto';
import { type CapturedEvent, INGEST_BATCH_TYPE, type IngestBatch } from '@insights/contracts';
import { createJetStreamPublisher, ingestStreamName, ingestSubject } from '@insights/transport';
import type { NatsConnection } from '@nats-io/transport-node';
import { ingestBacklog } from './ingest-backlog.js';
import type { IngestSink } from './ingest-sink.js';

/** Events are sent in messages of about this size; one larger event goes alone (by reference if it must). */
const MESSAGE_TARGET_BYTES = 512 * 1024;

/** Cuts a request's events into ingest messages of bounded size, in order. */
export function ingestBatchesOf(projectId: number, events: readonly CapturedEvent[]): IngestBatch[] {
  const batches: IngestBatch[] = [];
  let current: CapturedEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = JSON.stringify(event).length;
    if (current.length > 0 && bytes + size > MESSAGE_TARGET_BYTES) {
      batches.push({ id: randomUUID(), type: INGEST_BATCH_TYPE, projectId, events: current });
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) batches.push({ id: randomUUID(), type: INGEST_BATCH_TYPE, projectId, events: current });
  return batches;
}

/**
 * Publishes to the ingest stream (`<prefix>.ingest.<projectId>`) and resolves once JetStream stored every message;
 * first waits while the stream's backlog is over `maxBacklogBytes` (see `ingestBacklog`).
 */
export function natsIngestSink(options: {
  nc: NatsConnection;
  prefix: string;
  eventsMaxAgeMs: number;
  maxBacklogBytes: number;
  maxWaitMs: number;
}): IngestSink {
  const backlog = ingestBacklog({
    nc: options.nc,
    stream: ingestStreamName(options.prefix),
    maxBytes: options.maxBacklogBytes,
    maxWaitMs: options.maxWaitMs,
  });
  const publish = createJetStreamPublisher({
    nc: options.nc,
    prefix: options.prefix,
    stream: ingestStreamName(options.prefix),
    subjectOf: (batch) => ingestSubject(options.prefix, (batch as IngestBatch).projectId),
    eventsMaxAgeMs: options.eventsMaxAgeMs,
  });
  return async (projectId, events) => {
    await backlog.waitForRoom();
    await publish(ingestBatchesOf(projectId, events));
  };
}
