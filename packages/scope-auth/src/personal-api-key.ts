import { createHash, randomBytes } from 'node:crypto';

export const PERSONAL_API_KEY_PREFIX = 'phx_';

/** 32 random bytes in url-safe base64 without padding: the same size as PostHog's `secrets.token_urlsafe(32)`. */
const PERSONAL_API_KEY_PATTERN = /^phx_[A-Za-z0-9_-]{43}$/;

export function generatePersonalApiKey(): string {
  return PERSONAL_API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** What we store instead of the key: keys are never kept in clear. */
export function hashPersonalApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What we show and store for humans to recognise a key: `phx_...` and its last 4 characters. */
export function maskPersonalApiKey(key: string): string {
  return `${PERSONAL_API_KEY_PREFIX}...${key.slice(-4)}`;
}

/** Shape check only (prefix and length), so that obviously foreign tokens can be rejected without a lookup. */
export function looksLikePersonalApiKey(value: unknown): value is string {
  return typeof value === 'string' && PERSONAL_API_KEY_PATTERN.test(value);
}
