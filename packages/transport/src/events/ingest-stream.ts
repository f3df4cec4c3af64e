import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/transport-node';

/** `<PREFIX>_INGEST`: captured events waiting to be written. */
export function ingestStreamName(prefix: string): string {
  return `${prefix.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_INGEST`;
}

/** `<prefix>.ingest.<projectId>`: one subject per project. */
export function ingestSubject(prefix: string, projectId: number): string {
  return `${prefix}.ingest.${projectId}`;
}

export function allIngestSubjects(prefix: string): string {
  return `${prefix}.ingest.>`;
}

/**
 * Creates the ingest stream of `prefix` if it does not exist. A work queue on file storage: a message is durable once
 * the publish is acknowledged (capture answers only then) and is removed once ingestion acknowledged writing it, so
 * the stream holds only what is not yet in the database. Safe to call from every process at start, concurrently.
 */
export async function ensureIngestStream(nc: NatsConnection, prefix: string, maxAgeMs: number): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const name = ingestStreamName(prefix);
  try {
    await jsm.streams.info(name);
    return;
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
  }
  try {
    await jsm.streams.add({
      name,
      subjects: [allIngestSubjects(prefix)],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: nanos(maxAgeMs),
      duplicate_window: nanos(Math.min(2 * 60_000, maxAgeMs)),
      num_replicas: 1,
    });
  } catch (error) {
    // Another process may have created it in between.
    await jsm.streams.info(name).catch(() => {
      throw error;
    });
  }
}
