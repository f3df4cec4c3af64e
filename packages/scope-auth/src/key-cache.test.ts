import { describe, expect, it } from 'vitest';
import { createTtlCache } from './key-cache.js';

function manualClock(start = 1_000) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('createTtlCache', () => {
  it('returns a value it holds', () => {
    const cache = createTtlCache<string, number>({ ttlMs: 1_000, maxEntries: 10 });
    cache.set('a', 1);
    expect(cache.get('a')).toBe(1);
  });

  it('returns undefined for a key it never held', () => {
    expect(createTtlCache<string, number>({ ttlMs: 1_000, maxEntries: 10 }).get('a')).toBeUndefined();
  });

  it('keeps an entry until its time-to-live has passed, then drops it on read', () => {
    const clock = manualClock();
    const cache = createTtlCache<string, number>({ ttlMs: 1_000, maxEntries: 10, now: clock.now });
    cache.set('a', 1);
    clock.advance(999);
    expect(cache.get('a')).toBe(1);
    clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('restarts the time-to-live when a key is set again', () => {
    const clock = manualClock();
    const cache = createTtlCache<string, number>({ ttlMs: 1_000, maxEntries: 10, now: clock.now });
    cache.set('a', 1);
    clock.advance(600);
    cache.set('a', 2);
    clock.advance(600);
    expect(cache.get('a')).toBe(2);
  });

  it('evicts the oldest entry when full', () => {
    const cache = createTtlCache<string, number>({ ttlMs: 1_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('counts a re-set key as the newest when evicting', () => {
    const cache = createTtlCache<string, number>({ ttlMs: 1_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(10);
    expect(cache.get('b')).toBeUndefined();
  });

  it('forgets a deleted key', () => {
    const cache = createTtlCache<string, number>({ ttlMs: 1_000, maxEntries: 10 });
    cache.set('a', 1);
    expect(cache.delete('a')).toBe(true);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.delete('a')).toBe(false);
  });

  it('forgets everything on clear', () => {
    const cache = createTtlCache<string, number>({ ttlMs: 1_000, maxEntries: 10 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('b')).toBeUndefined();
  });

  it('refuses a non-positive time-to-live or size', () => {
    expect(() => createTtlCache({ ttlMs: 0, maxEntries: 1 })).toThrow(RangeError);
    expect(() => createTtlCache({ ttlMs: 1_000, maxEntries: 0 })).toThrow(RangeError);
    expect(() => createTtlCache({ ttlMs: 1_000, maxEntries: 1.5 })).toThrow(RangeError);
  });
});
