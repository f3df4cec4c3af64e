import { describe, expect, it } from 'vitest';
import { scrubSecrets } from './log-scrubbing.js';
import { createLogger } from './logger.js';

const KEY = 'phx_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd';

describe('scrubSecrets', () => {
  it.each([
    ['a plain query parameter', `/api/users/@me/?personal_api_key=${KEY}`],
    ['an encoded parameter name', `/api/users/@me/?personal%5Fapi%5Fkey=${KEY}`],
    ['an array parameter', `/api/users/@me/?personal_api_key[]=${KEY}`],
    ['an encoded underscore in the key', `/x?k=${KEY.replace('phx_', 'phx%5F').replaceAll('_', '%5f')}`],
    ['a header value', `{"authorization":"Bearer ${KEY}"}`],
    ['an error message', `{"msg":"key ${KEY} refused"}`],
  ])('removes a key from %s', (_, line) => {
    const scrubbed = scrubSecrets(line);
    expect(scrubbed).not.toContain(KEY.slice(4, 20));
    expect(scrubbed).toContain('phx_[redacted]');
  });

  it('leaves lines without a key as they are', () => {
    expect(scrubSecrets('{"msg":"phx is a prefix"}')).toBe('{"msg":"phx is a prefix"}');
  });
});

describe('createLogger', () => {
  it('writes no key, in any field', () => {
    const lines: string[] = [];
    const log = createLogger('test', 'info', { write: (line) => lines.push(line) });
    log.info({ url: `/?personal%5Fapi%5Fkey=${KEY}`, nested: { note: KEY } }, `message with ${KEY}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(KEY.slice(4, 20));
  });
});
