/**
 * When the client sent the request, by its own clock: a `/batch/` body's `sent_at` (server SDKs, mobile), else the
 * `_` (or `sent_at`) query parameter posthog-js adds, in milliseconds. As the Rust capture reads the query value
 * (`EventQuery::sent_at`), an integer that lands before 2021 is taken for seconds from an old SDK and ignored. A value
 * that is not a date is ignored too, never refused.
 */

import { parseClientDate } from './client-date.js';
import { type CaptureHttpRequest, firstQueryValue } from './decode-capture-payload.js';

const EARLIEST_MILLISECONDS_SENT_AT = Date.UTC(2021, 0, 1);

export function requestSentAt(batchSentAt: unknown, query: CaptureHttpRequest['query']): Date | undefined {
  if (typeof batchSentAt === 'string') {
    const parsed = parseClientDate(batchSentAt);
    if (parsed) return parsed;
  }
  const queryValue = firstQueryValue(query, 'sent_at') ?? firstQueryValue(query, '_');
  if (queryValue === undefined || !/^\d{1,16}$/.test(queryValue)) return undefined;
  const sentAtMs = Number(queryValue);
  return sentAtMs >= EARLIEST_MILLISECONDS_SENT_AT ? new Date(sentAtMs) : undefined;
}
