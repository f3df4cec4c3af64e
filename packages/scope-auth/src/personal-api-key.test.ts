import { describe, expect, it } from 'vitest';
import {
  generatePersonalApiKey,
  hashPersonalApiKey,
  looksLikePersonalApiKey,
  maskPersonalApiKey,
} from './personal-api-key.js';

describe('generatePersonalApiKey', () => {
  it('starts with phx_ followed by 43 url-safe base64 characters', () => {
    expect(generatePersonalApiKey()).toMatch(/^phx_[A-Za-z0-9_-]{43}$/);
  });

  it('returns a different key on every call', () => {
    expect(generatePersonalApiKey()).not.toBe(generatePersonalApiKey());
  });
});

describe('hashPersonalApiKey', () => {
  it('is the sha256 hex digest of the key', () => {
    expect(hashPersonalApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the same hash for the same key and different hashes for different keys', () => {
    const key = generatePersonalApiKey();
    expect(hashPersonalApiKey(key)).toBe(hashPersonalApiKey(key));
    expect(hashPersonalApiKey(key)).not.toBe(hashPersonalApiKey(generatePersonalApiKey()));
  });
});

describe('maskPersonalApiKey', () => {
  it('keeps the prefix and the last 4 characters only', () => {
    expect(maskPersonalApiKey('phx_0123456789012345678901234567890123456789AbCd')).toBe('phx_...AbCd');
  });
});

describe('looksLikePersonalApiKey', () => {
  it('accepts a generated key', () => {
    expect(looksLikePersonalApiKey(generatePersonalApiKey())).toBe(true);
  });

  it('rejects OAuth tokens, wrong lengths and non-strings', () => {
    expect(looksLikePersonalApiKey(`pha_${'a'.repeat(43)}`)).toBe(false);
    expect(looksLikePersonalApiKey(`phx_${'a'.repeat(42)}`)).toBe(false);
    expect(looksLikePersonalApiKey(`phx_${'a'.repeat(42)}+`)).toBe(false);
    expect(looksLikePersonalApiKey(42)).toBe(false);
    expect(looksLikePersonalApiKey(undefined)).toBe(false);
  });
});
