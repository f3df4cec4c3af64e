/**
 * The refusals of capture (`/batch/`, `/capture/`, `/e/`, `/i/v0/e/`) as values: the status and PostHog's error body
 * `{type, code, detail, attr}`, as Django's `posthog/api/capture.py` built them with `generate_exception_response`
 * (type `validation_error` unless said otherwise). Status codes follow the Rust capture service
 * (`rust/capture/src/api.rs`).
 */

import type { PostHogErrorBody } from '@insights/contracts';

export type CaptureError = { readonly status: number; readonly body: PostHogErrorBody };

const PROJECT_SETTINGS_HINT = 'You can find your project API key in PostHog project settings.';

function refusal(status: number, type: string, code: string, detail: string, attr: string | null): CaptureError {
  return { status, body: { type, code, detail, attr } };
}

/** No `api_key`/`token` anywhere in the request. */
export function missingToken(): CaptureError {
  return refusal(
    401,
    'authentication_error',
    'missing_api_key',
    `API key not provided. ${PROJECT_SETTINGS_HINT}`,
    null,
  );
}

/**
 * A token that cannot be a project token (a personal `phx_` key, too long, not ASCII), and the answer the caller gives
 * for a well-formed token that names no project.
 */
export function invalidToken(): CaptureError {
  return refusal(
    401,
    'authentication_error',
    'invalid_api_key',
    `Project API key invalid. ${PROJECT_SETTINGS_HINT}`,
    null,
  );
}

/** The events of one request name different projects (Rust capture's `MultipleTokensError`, a 401). */
export function inconsistentTokens(): CaptureError {
  return refusal(
    401,
    'authentication_error',
    'multiple_tokens',
    'Batch submitted with inconsistent api_key values. All events of one request must carry the same token.',
    null,
  );
}

export function noData(): CaptureError {
  return refusal(
    400,
    'validation_error',
    'no_data',
    'No data found. Make sure to use a POST request when sending the payload in the body of the request.',
    null,
  );
}

/** The body could not be decoded or parsed at all. */
export function malformedRequest(reason: string): CaptureError {
  return refusal(400, 'validation_error', 'invalid_payload', `Malformed request data: ${reason}`, null);
}

/** The body parsed, but an event or a field of one is not what capture accepts. */
export function invalidPayload(reason: string, attr: string | null = null): CaptureError {
  return refusal(400, 'validation_error', 'invalid_payload', `Invalid payload: ${reason}`, attr);
}

export function missingEventName(): CaptureError {
  return refusal(400, 'validation_error', 'required', 'You need to set user event name, field `event`.', 'event');
}

export function missingDistinctId(): CaptureError {
  return refusal(
    400,
    'validation_error',
    'required',
    'You need to set user distinct ID field `distinct_id`.',
    'distinct_id',
  );
}

export function emptyDistinctId(): CaptureError {
  return refusal(
    400,
    'validation_error',
    'required',
    'Distinct ID field `distinct_id` must have a non-empty value.',
    'distinct_id',
  );
}

/** The body, compressed or once decompressed, is over the capture limit. */
export function payloadTooLarge(limitBytes: number): CaptureError {
  return refusal(
    413,
    'invalid_request',
    'payload_too_large',
    `Request payload is larger than ${limitBytes} bytes once decompressed.`,
    null,
  );
}
