import { describe, expect, it } from 'vitest';
import { eventToken, requestToken } from './capture-token.js';

describe('eventToken', () => {
  it('looks at token, $token, api_key, then properties.token', () => {
    expect(eventToken({ token: 'a', $token: 'b', api_key: 'c', properties: { token: 'd' } })).toBe('a');
    expect(eventToken({ $token: 'b', api_key: 'c' })).toBe('b');
    expect(eventToken({ api_key: 'c', properties: { token: 'd' } })).toBe('c');
    expect(eventToken({ properties: { token: 'd' } })).toBe('d');
  });

  it('skips blank and non-string tokens', () => {
    expect(eventToken({ token: ' ', api_key: 7, properties: { token: 'd' } })).toBe('d');
    expect(eventToken({ properties: { token: 12 } })).toBeUndefined();
  });
});

describe('requestToken', () => {
  it('refuses what cannot be a project token', () => {
    for (const token of ['x'.repeat(65), 'phc_é', 'phx_personal', 'phc_\u0000']) {
      expect(requestToken(token, [])).toMatchObject({ error: { status: 401, body: { code: 'invalid_api_key' } } });
    }
    expect(requestToken('x'.repeat(64), [])).toEqual({ token: 'x'.repeat(64) });
  });

  it('compares event tokens after trimming them', () => {
    expect(requestToken(undefined, [{ api_key: 'phc_a ' }, { properties: { token: 'phc_a' } }])).toEqual({
      token: 'phc_a',
    });
  });

  it('ignores events that are not objects when looking for the token', () => {
    expect(requestToken(undefined, ['x', null, { api_key: 'phc_a' }])).toEqual({ token: 'phc_a' });
  });
});
