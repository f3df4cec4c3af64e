/**
 * The three bodies capture accepts (`RawRequest` in `rust/capture/src/v0_request.rs`): a JSON array of events
 * (posthog-js), a batch `{batch: [...], api_key, sent_at, historical_migration}` (server SDKs, `/batch/`), or one
 * event object. A request without any event is refused.
 */

import { type CaptureError, invalidPayload, malformedRequest } from './capture-error.js';

export type CaptureBody = {
  events: unknown[];
  /** The batch's own `api_key`/`token`; `undefined` for the other shapes. */
  batchToken: unknown;
  batchSentAt: unknown;
  historicalMigration: boolean;
};

export function captureBodyOf(json: unknown): CaptureBody | { error: CaptureError } {
  let body: CaptureBody;
  if (Array.isArray(json)) {
    body = { events: json, batchToken: undefined, batchSentAt: undefined, historicalMigration: false };
  } else if (isBatch(json)) {
    const batch = json as Record<string, unknown>;
    if (!Array.isArray(batch.batch)) return { error: invalidPayload('"batch" must be a list of events!', 'batch') };
    body = {
      events: batch.batch,
      batchToken: batch.api_key ?? batch.token,
      batchSentAt: batch.sent_at,
      historicalMigration: batch.historical_migration === true,
    };
  } else if (typeof json === 'object' && json !== null) {
    body = { events: [json], batchToken: undefined, batchSentAt: undefined, historicalMigration: false };
  } else {
    return { error: malformedRequest('expected an event, a list of events or a batch.') };
  }
  if (body.events.length === 0) return { error: invalidPayload('the request holds no event!') };
  return body;
}

/** An object with a `batch`, unless it is an event that happens to have a `batch` field. */
function isBatch(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || !('batch' in json)) return false;
  return Array.isArray((json as { batch: unknown }).batch) || !('event' in json);
}
