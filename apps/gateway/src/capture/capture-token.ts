/**
 * The project token (`api_token`, `phc_…`) a capture request is sent with, found where PostHog's capture looks
 * (`rust/capture/src/utils.rs` `extract_and_verify_token`, `RawEvent::extract_token`, `token.rs`):
 *
 * - a `/batch/` body's top-level `api_key` (or `token`) names the project of the whole request, whatever its events
 *   say;
 * - otherwise each event's `token`, `$token` or `api_key`, else its `properties.token`; events that carry none are
 *   fine, but all that carry one must carry the same (else 401, nothing stored);
 * - the token is trimmed (a copied key often ends in a newline); one that cannot be a project token (longer than 64
 *   characters, not ASCII, a personal `phx_` key, a NUL) is refused as invalid. Whether it names a project is for the
 *   caller to look up.
 */

import { type CaptureError, inconsistentTokens, invalidToken, missingToken } from './capture-error.js';

const MAX_TOKEN_LENGTH = 64;

export function eventToken(event: Readonly<Record<string, unknown>>): string | undefined {
  for (const field of ['token', '$token', 'api_key'] as const) {
    const value = nonBlank(event[field]);
    if (value !== undefined) return value;
  }
  const properties = event.properties;
  if (typeof properties === 'object' && properties !== null)
    return nonBlank((properties as Record<string, unknown>).token);
  return undefined;
}

export function requestToken(
  batchToken: unknown,
  events: readonly unknown[],
): { token: string } | { error: CaptureError } {
  let token = nonBlank(batchToken);
  if (token === undefined) {
    const distinct = new Set<string>();
    for (const event of events) {
      if (typeof event !== 'object' || event === null || Array.isArray(event)) continue;
      const found = eventToken(event as Record<string, unknown>);
      if (found !== undefined) distinct.add(found);
    }
    if (distinct.size > 1) return { error: inconsistentTokens() };
    [token] = distinct;
  }
  if (token === undefined) return { error: missingToken() };
  return isProjectTokenShaped(token) ? { token } : { error: invalidToken() };
}

function nonBlank(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function isProjectTokenShaped(token: string): boolean {
  return (
    token.length <= MAX_TOKEN_LENGTH &&
    /^[\x20-\x7e]+$/.test(token) && // printable ASCII: also excludes NUL
    !token.startsWith('phx_')
  );
}
