import { describe, expect, it } from 'vitest';
import { distinctIdOf } from './distinct-id.js';

describe('distinctIdOf', () => {
  it.each([
    ['a string', 'user-1', 'user-1'],
    ['an integer', 23, '23'],
    ['a float', 23.4, '23.4'],
    ['a boolean', true, 'true'],
    ['an array', ['a', 'b'], '["a","b"]'],
    ['an object, keys sorted', { string: 'a', number: 3 }, '{"number":3,"string":"a"}'],
  ])('writes %s as text', (_kind, value, expected) => {
    expect(distinctIdOf({ distinct_id: value })).toBe(expected);
  });

  it('prefers the top-level distinct_id, then $distinct_id, then properties.distinct_id', () => {
    expect(distinctIdOf({ distinct_id: 'top', $distinct_id: 'alias', properties: { distinct_id: 'p' } })).toBe('top');
    expect(distinctIdOf({ $distinct_id: 'alias', properties: { distinct_id: 'p' } })).toBe('alias');
    expect(distinctIdOf({ distinct_id: null, properties: { distinct_id: 'p' } })).toBe('p');
  });

  it('has none when absent or null everywhere, and tells an empty one apart', () => {
    expect(distinctIdOf({})).toBeUndefined();
    expect(distinctIdOf({ distinct_id: null, properties: { distinct_id: null } })).toBeUndefined();
    expect(distinctIdOf({ distinct_id: '' })).toBe('');
  });

  it('does not read $distinct_id from the properties (PostHog does not either)', () => {
    expect(distinctIdOf({ properties: { $distinct_id: 'p' } })).toBeUndefined();
  });

  it('cuts to 200 characters, counting characters rather than UTF-16 units', () => {
    expect(distinctIdOf({ distinct_id: 'x'.repeat(250) })).toBe('x'.repeat(200));
    expect(distinctIdOf({ distinct_id: '🦔'.repeat(150) })).toBe('🦔'.repeat(150));
    expect(distinctIdOf({ distinct_id: '🦔'.repeat(250) })).toBe('🦔'.repeat(200));
  });

  it('replaces NUL with U+FFFD', () => {
    expect(distinctIdOf({ distinct_id: 'a\u0000b' })).toBe('a\uFFFDb');
  });
});
