export type ApiKeySource = 'Authorization header' | 'body' | 'query string';

export interface ApiKeyCarrier {
  authorization?: string;
  body?: unknown;
  query?: Record<string, unknown>;
}

export interface FoundApiKey {
  key: string;
  source: ApiKeySource;
}

const BEARER_PATTERN = /^Bearer\s+(\S.+)$/;
/** PostHog leaves `pha_` bearer tokens to its OAuth authenticator, which we do not have. */
const OAUTH_ACCESS_TOKEN_PREFIX = 'pha_';
const KEY_FIELD = 'personal_api_key';

/**
 * Finds the personal API key of a request the way PostHog does: the Authorization header first, then the JSON body
 * field, then the query string. Only the first candidate found is returned, so a bad header key is never rescued by a
 * good query-string key.
 */
export function findPersonalApiKey(request: ApiKeyCarrier): FoundApiKey | null {
  const fromHeader = keyFromAuthorizationHeader(request.authorization);
  if (fromHeader !== null) return { key: fromHeader, source: 'Authorization header' };

  const fromBody = keyFromBody(request.body);
  if (fromBody !== null) return { key: fromBody, source: 'body' };

  const fromQuery = keyFromQuery(request.query);
  if (fromQuery !== null) return { key: fromQuery, source: 'query string' };

  return null;
}

export function invalidKeyMessage(source: ApiKeySource): string {
  return `Personal API key found in request ${source} is invalid.`;
}

function keyFromAuthorizationHeader(authorization: string | undefined): string | null {
  if (authorization === undefined) return null;
  const match = BEARER_PATTERN.exec(authorization);
  if (match === null) return null;
  const token = match[1]!.trim();
  if (token.startsWith(OAUTH_ACCESS_TOKEN_PREFIX)) return null;
  return token;
}

function keyFromBody(body: unknown): string | null {
  if (!isPlainObject(body) || !Object.hasOwn(body, KEY_FIELD)) return null;
  return nonEmptyString(body[KEY_FIELD]);
}

function keyFromQuery(query: Record<string, unknown> | undefined): string | null {
  if (query === undefined || !Object.hasOwn(query, KEY_FIELD)) return null;
  const value = query[KEY_FIELD];
  // A repeated parameter arrives as an array; like Django's `request.GET[...]`, the last one wins.
  if (Array.isArray(value)) return nonEmptyString(value.at(-1));
  return nonEmptyString(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
