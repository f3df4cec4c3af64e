import { readMetadataQuery } from './metadata-query.js';

/** PostHog's error body (the same shape as `@insights/contracts`' `PostHogErrorBody`, which this package does not depend on). */
export interface PostHogErrorBody {
  type: string;
  code: string;
  detail: string;
  attr: string | null;
}

export const MISSING_QUERY_PROBLEM: PostHogErrorBody = {
  type: 'validation_error',
  code: 'invalid_input',
  detail: "Missing 'query' field in request body",
  attr: null,
};

/** Step 2's body: a DRF `ValidationError("Invalid query format")`, rendered like step 1's. */
export const INVALID_QUERY_PROBLEM: PostHogErrorBody = {
  type: 'validation_error',
  code: 'invalid_input',
  detail: 'Invalid query format',
  attr: null,
};

/** Python's truthiness, which PostHog's `if not query` applies: null, false, 0, "", [] and {} are all "missing". */
function isFalsy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/**
 * generate_metadata's request checks (§9 steps 1–2), answered with the 400 body to send, or null when the request
 * may go on. A body that is not a JSON object has no `query` and gets step 1's answer (the gateway's JSON parser,
 * §2.6, normally rejects it first).
 */
export function metadataRequestProblem(body: unknown): PostHogErrorBody | null {
  const query =
    body && typeof body === 'object' && !Array.isArray(body) ? (body as { query?: unknown }).query : undefined;
  if (isFalsy(query)) return MISSING_QUERY_PROBLEM;
  return readMetadataQuery(query) ? null : INVALID_QUERY_PROBLEM;
}
