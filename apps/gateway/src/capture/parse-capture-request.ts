/**
 * A capture request (`POST /batch/`, `/capture/`, `/e/`, `/i/v0/e/`), from its raw bytes to the events to accept, or
 * to PostHog's refusal. The route only has to look the token up:
 *
 * ```ts
 * const capture = parseCaptureRequest({ contentType, contentEncoding, query, body, now: new Date() });
 * if (!capture.ok) return reply.status(capture.error.status).send(capture.error.body);
 * const project = await projectByToken(capture.token);
 * if (!project) return reply.status(401).send(invalidToken().body);
 * ```
 *
 * Every event is checked before any is accepted: a request is taken whole or refused whole.
 */

import { captureBodyOf } from './capture-body.js';
import { requestToken } from './capture-token.js';
import type { CapturedEvent, CaptureParseResult } from './captured-event.js';
import { capturedEventOf } from './captured-event-of.js';
import { type CaptureHttpRequest, decodeCapturePayload, firstQueryValue } from './decode-capture-payload.js';
import { parseBoundedJson } from './parse-bounded-json.js';
import { mayHoldUnstorableText, postgresSafeJson } from './postgres-safe-text.js';
import { requestSentAt } from './request-sent-at.js';
import { newEventUuid, type UuidV7Generator } from './uuid-v7.js';

/** PostHog's capture limit, for the body as sent and once decompressed. */
export const MAX_CAPTURE_PAYLOAD_BYTES = 20 * 1024 * 1024;

export type CaptureRequestInput = CaptureHttpRequest & {
  /** When the server received the request: the reference of every timestamp. */
  now: Date;
};

export type CaptureParseOptions = {
  maxPayloadBytes?: number;
  /** Makes the uuid of an event sent without one; a process-wide UUIDv7 generator by default. */
  newUuid?: UuidV7Generator;
};

export function parseCaptureRequest(input: CaptureRequestInput, options: CaptureParseOptions = {}): CaptureParseResult {
  const decoded = decodeCapturePayload(input, options.maxPayloadBytes ?? MAX_CAPTURE_PAYLOAD_BYTES);
  if ('error' in decoded) return { ok: false, error: decoded.error };

  const parsed = parseBoundedJson(decoded.text);
  if ('error' in parsed) return { ok: false, error: parsed.error };
  const json = mayHoldUnstorableText(decoded.text) ? postgresSafeJson(parsed.value) : parsed.value;

  const body = captureBodyOf(json);
  if ('error' in body) return { ok: false, error: body.error };

  const token = requestToken(body.batchToken, body.events);
  if ('error' in token) return { ok: false, error: token.error };

  const sentAt = requestSentAt(body.batchSentAt, input.query);
  const context = { now: input.now, sentAt, newUuid: options.newUuid ?? newEventUuid };
  const events: CapturedEvent[] = [];
  for (const raw of body.events) {
    const event = capturedEventOf(raw, context);
    if ('error' in event) return { ok: false, error: event.error };
    events.push(event);
  }

  return {
    ok: true,
    token: token.token,
    events,
    sentAt: sentAt ? sentAt.toISOString() : null,
    historicalMigration: body.historicalMigration,
    beacon: firstQueryValue(input.query, 'beacon') === '1',
  };
}
