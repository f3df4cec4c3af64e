import { z } from 'zod';

/** One accepted capture event, validated and normalised by the gateway, as it travels to ingestion. */
export const CapturedEvent = z.object({
  /** Lower-case hyphenated; the client's when it sent a valid one, otherwise a fresh UUIDv7. */
  uuid: z.uuid(),
  event: z.string().min(1),
  distinct_id: z.string().min(1),
  /** As sent (`token` included, as PostHog keeps it), with top-level `$set`/`$set_once` merged in. */
  properties: z.record(z.string(), z.unknown()),
  /** ISO 8601 UTC, reconciled from `timestamp`, `offset`, `sent_at` and the receive time. */
  timestamp: z.iso.datetime({ offset: true }),
});
export type CapturedEvent = z.infer<typeof CapturedEvent>;

export const INGEST_BATCH_TYPE = 'ingest.batch';

/** A slice of one capture request's events for one project: one message on the ingest stream. */
export const IngestBatch = z.object({
  id: z.uuid(),
  type: z.literal(INGEST_BATCH_TYPE),
  projectId: z.number().int(),
  events: z.array(CapturedEvent),
});
export type IngestBatch = z.infer<typeof IngestBatch>;
