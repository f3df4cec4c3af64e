import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface IngestBacklogOptions {
  nc: NatsConnection;
  stream: string;
  /** Bytes of captured events waiting to be written above which capture waits before adding more. */
  maxBytes: number;
  /** How long a request waits for room at most; then it is accepted anyway (capture never refuses for load). */
  maxWaitMs: number;
  /** How old a reading of the backlog may be. */
  refreshMs?: number;
}

/**
 * Admission control for capture: while the ingest stream holds more than `maxBytes` not yet written, new requests
 * wait (up to `maxWaitMs`) before they are accepted. Under sustained overload capture answers more slowly instead of
 * letting the lag from 200 to queryable grow without bound; below the limit it costs one cached reading.
 */
export function ingestBacklog(options: IngestBacklogOptions) {
  const refreshMs = options.refreshMs ?? 50;
  let reading: { at: number; bytes: Promise<number> } | undefined;
  const jsm = jetstreamManager(options.nc);

  const backlogBytes = (): Promise<number> => {
    const now = Date.now();
    if (!reading || now - reading.at > refreshMs) {
      const bytes = jsm
        .then((manager) => manager.streams.info(options.stream))
        .then((info) => info.state.bytes)
        // A reading that fails (stream being created, bus down) does not hold capture back; the publish will tell.
        .catch(() => 0);
      reading = { at: now, bytes };
    }
    return reading.bytes;
  };

  return {
    async waitForRoom(): Promise<void> {
      const deadline = Date.now() + options.maxWaitMs;
      while ((await backlogBytes()) > options.maxBytes && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, refreshMs));
      }
    },
  };
}
