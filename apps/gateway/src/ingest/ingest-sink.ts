import type { CapturedEvent } from '@insights/contracts';

/**
 * Where capture hands accepted events: it resolves only once every event is durable (in the ingest stream, or in
 * single-process mode written to the database), so that capture can answer 200.
 */
export type IngestSink = (projectId: number, events: readonly CapturedEvent[]) => Promise<void>;
