export interface TtlCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** The clock; injectable for tests. */
  now?: () => number;
}

export interface TtlCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): boolean;
  clear(): void;
  readonly size: number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * A small in-memory cache with one time-to-live for every entry. Expired entries are dropped when read; when full,
 * the oldest entry goes. A Map keeps insertion order, and with a single TTL the oldest entry is also the first to
 * expire, so both rules evict from the front.
 */
export function createTtlCache<K, V>({ ttlMs, maxEntries, now = Date.now }: TtlCacheOptions): TtlCache<K, V> {
  if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${ttlMs}`);
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  const entries = new Map<K, Entry<V>>();

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (now() >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value) {
      // Re-inserting moves the key to the back, where the newest entries live.
      entries.delete(key);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { value, expiresAt: now() + ttlMs });
    },
    delete(key) {
      return entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
