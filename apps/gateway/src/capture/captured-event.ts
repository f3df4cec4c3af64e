import type { CapturedEvent } from '@insights/contracts';
import type { CaptureError } from './capture-error.js';

export type { CapturedEvent };

/** A capture request that can be accepted once its token names a project. */
export type AcceptedCapture = {
  ok: true;
  /** Trimmed; its shape is checked, whether it names a project is the caller's question. */
  token: string;
  /** Never empty, in the order they were sent. */
  events: CapturedEvent[];
  /** The client's send time (batch `sent_at`, or `_`/`sent_at` in the query), when it sent a usable one. */
  sentAt: string | null;
  /** `historical_migration: true` on a `/batch/` body. */
  historicalMigration: boolean;
  /** `?beacon=1`: PostHog answers such requests with 204 and no body. */
  beacon: boolean;
};

export type RefusedCapture = { ok: false; error: CaptureError };

export type CaptureParseResult = AcceptedCapture | RefusedCapture;
