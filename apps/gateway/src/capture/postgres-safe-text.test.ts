import { describe, expect, it } from 'vitest';
import { mayHoldUnstorableText, postgresSafeJson, postgresSafeText } from './postgres-safe-text.js';

describe('postgresSafeText', () => {
  it('replaces NUL and lone surrogates with U+FFFD and keeps surrogate pairs', () => {
    expect(postgresSafeText('a\u0000b')).toBe('a\uFFFDb');
    expect(postgresSafeText('\uD800x\uDC00')).toBe('\uFFFDx\uFFFD');
    expect(postgresSafeText('end\uD83E')).toBe('end\uFFFD');
    expect(postgresSafeText('🦔 hedgehog')).toBe('🦔 hedgehog');
  });

  it('returns clean text unchanged', () => {
    const text = 'plain';
    expect(postgresSafeText(text)).toBe(text);
  });
});

describe('postgresSafeJson', () => {
  it('cleans keys and values at any depth, keeping key order', () => {
    const value = JSON.parse('{"a":["x\\u0000",{"k\\u0000":"\\udfff"}],"b\\u0000":1,"c":2}');
    const cleaned = postgresSafeJson(value) as Record<string, unknown>;
    expect(cleaned).toEqual({ a: ['x\uFFFD', { 'k\uFFFD': '\uFFFD' }], 'b\uFFFD': 1, c: 2 });
    expect(Object.keys(cleaned)).toEqual(['a', 'b\uFFFD', 'c']);
  });

  it('leaves numbers, booleans and null alone', () => {
    expect(postgresSafeJson([1, true, null])).toEqual([1, true, null]);
  });
});

describe('mayHoldUnstorableText', () => {
  it('spots NUL and surrogate escapes, and raw surrogates', () => {
    expect(mayHoldUnstorableText('{"a":"\\u0000"}')).toBe(true);
    expect(mayHoldUnstorableText('{"a":"\\uD83E\\uDD94"}')).toBe(true);
    expect(mayHoldUnstorableText('{"a":"\uD800"}')).toBe(true);
    expect(mayHoldUnstorableText('{"a":"\\u00e9 🦔"}')).toBe(false);
  });
});
