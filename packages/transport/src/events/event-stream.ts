import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { type NatsConnection, nanos } from '@nats-io/transport-node';
import { allEventsSubject, eventStreamName } from './event-subjects.js';
import { sleep } from './retry-backoff.js';

export const DEFAULT_EVENTS_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

type StreamConfigToAdd = Parameters<JetStreamManager['streams']['add']>[0];

function isJetStreamManager(value: JetStreamManager | NatsConnection): value is JetStreamManager {
  return 'streams' in value && 'consumers' in value;
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}

/**
 * nats-server removes an account's empty store directory when its last stream is deleted; a stream created
 * at that moment fails with "could not create storage directory" (JSStreamStoreFailedF). Trying again works.
 */
const STREAM_STORE_FAILED = 10077;

async function addStream(jsm: JetStreamManager, config: StreamConfigToAdd): Promise<StreamInfo> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await jsm.streams.add(config);
    } catch (error) {
      const transient = error instanceof JetStreamApiError && error.code === STREAM_STORE_FAILED;
      if (!transient || attempt >= 5) throw error;
      await sleep(50 * attempt);
    }
  }
}

/**
 * Creates the events stream of `prefix`, or brings an existing one to the wanted subjects, retention and
 * duplicate window. Safe to call from every service at start, concurrently.
 */
export async function ensureEventStream(
  jsmOrConnection: JetStreamManager | NatsConnection,
  prefix: string,
  maxAgeMs: number = DEFAULT_EVENTS_MAX_AGE_MS,
): Promise<StreamInfo> {
  const jsm = isJetStreamManager(jsmOrConnection) ? jsmOrConnection : await jetstreamManager(jsmOrConnection);
  const name = eventStreamName(prefix);
  // The server refuses a duplicate window longer than a (non-zero) max age.
  const duplicateWindowMs = maxAgeMs > 0 ? Math.min(DUPLICATE_WINDOW_MS, maxAgeMs) : DUPLICATE_WINDOW_MS;
  const wanted = {
    subjects: [allEventsSubject(prefix)],
    max_age: nanos(maxAgeMs),
    duplicate_window: nanos(duplicateWindowMs),
  } satisfies Partial<StreamConfig>;

  const bringUpToDate = async (info: StreamInfo) => {
    const { config } = info;
    const upToDate =
      config.max_age === wanted.max_age &&
      config.duplicate_window === wanted.duplicate_window &&
      config.subjects?.length === 1 &&
      config.subjects[0] === wanted.subjects[0];
    return upToDate ? info : jsm.streams.update(name, wanted);
  };

  try {
    return await bringUpToDate(await jsm.streams.info(name));
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
  }
  try {
    return await addStream(jsm, {
      name,
      ...wanted,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      num_replicas: 1,
    });
  } catch (error) {
    // Another process may have created it in between, possibly with an older configuration.
    const info = await jsm.streams.info(name).catch(() => undefined);
    if (!info) throw error;
    return bringUpToDate(info);
  }
}
