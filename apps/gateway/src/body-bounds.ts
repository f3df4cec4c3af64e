import { type PostHogHttpError, parseError, requestTooLarge } from './render/posthog-error.js';

/** Deeper than any real query or filters; bounded so that re-serializing a body cannot exhaust the stack. */
export const MAX_JSON_DEPTH = 128;

/**
 * A body is forwarded to a service inside one NATS message (default `max_payload` 1 MiB), re-serialized, which can be
 * larger than what was sent (`1e9` becomes `1000000000`); the margin leaves room for the envelope and the headers.
 */
export const MAX_FORWARDED_BODY_BYTES = 1_000_000;

function deeperThan(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * A parsed JSON body the services cannot be handed: nested too deep (400 parse_error, as for malformed JSON) or too
 * large to forward once re-serialized (413, as for a body over the HTTP limit). Null when the body is fine.
 */
export function bodyBoundsProblem(body: unknown): PostHogHttpError | null {
  // Raw bodies (capture) are bounded by their own parser.
  if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) return null;
  if (deeperThan(body, MAX_JSON_DEPTH)) {
    return parseError(`JSON parse error - Nesting deeper than ${MAX_JSON_DEPTH} levels is not supported.`);
  }
  if (Buffer.byteLength(JSON.stringify(body)) > MAX_FORWARDED_BODY_BYTES) return requestTooLarge();
  return null;
}
