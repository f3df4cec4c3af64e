/**
 * When an event happened, in the server's clock, as PostHog computes it (`parse_event_timestamp` in the Rust
 * capture's `common/types/src/timestamp.rs`, formerly `parseEventTimestamp` in the plugin server's
 * `worker/ingestion/timestamps.ts`):
 *
 * - `timestamp` and `sent_at` both usable: the client's clock may be off, so the event is placed as far before the
 *   receive time as it was before the send: `now + (timestamp − sent_at)`;
 * - `timestamp` alone (or `$ignore_sent_at: true` in the properties): that timestamp;
 * - an `offset` (milliseconds before sending, what older SDKs send instead of a timestamp): `now − offset`, which
 *   wins over the timestamp;
 * - nothing usable (no timestamp, or one that is not a date): `now`;
 * - more than 23 hours in the future: `now` (an instrumentation bug, PostHog ingests the event at receive time);
 * - outside the years 0–9999: `now`. (The Rust service falls back to the Unix epoch here and the plugin server to the
 *   current time; an event dated 1970 would only hide, so we take the plugin server's answer.)
 */

import { parseClientDate } from './client-date.js';

const FUTURE_CUTOFF_MS = 23 * 3600 * 1000;
const LAST_VALID_YEAR = 9999;

export type TimestampInputs = {
  /** The event's `timestamp`, when it sent one. */
  timestamp: string | undefined;
  /** The event's `offset` in milliseconds, when it sent one. */
  offset: number | undefined;
  /** The request's send time, when it sent a usable one. */
  sentAt: Date | undefined;
  ignoreSentAt: boolean;
  /** When the server received the request. */
  now: Date;
};

export function reconcileEventTimestamp({ timestamp, offset, sentAt, ignoreSentAt, now }: TimestampInputs): Date {
  const nowMs = now.getTime();
  let eventMs = nowMs;

  const clientTimestamp = timestamp === undefined ? undefined : parseClientDate(timestamp);
  if (clientTimestamp) {
    const effectiveSentAt = ignoreSentAt ? undefined : sentAt;
    eventMs = effectiveSentAt
      ? nowMs + (clientTimestamp.getTime() - effectiveSentAt.getTime())
      : clientTimestamp.getTime();
  }
  if (offset !== undefined) eventMs = nowMs - offset;

  if (eventMs - nowMs > FUTURE_CUTOFF_MS) return new Date(nowMs);
  const reconciled = new Date(eventMs);
  const year = reconciled.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > LAST_VALID_YEAR) return new Date(nowMs);
  return reconciled;
}
