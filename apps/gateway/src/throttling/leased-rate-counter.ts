import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { type ThrottleRate, WINDOW_MS } from './throttle-families.js';

const MAX_LEASE = 10;
const CAS_ATTEMPTS = 16;
/** Permits left in a lease when the next claim starts. */
const LOW_WATER = 2;

interface Lease {
  windowIndex: number;
  remaining: number;
  /** The claim in flight for this lease, if any (one at a time, whoever waits for it): the permits it took. */
  refill: Promise<number> | null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Request counts shared by every gateway replica, in NATS KV (one bucket per window length, each key the count of one
 * identity in one fixed window). A replica does not ask the bucket for every request: it leases a few permits at a
 * time with compare-and-set (never more than are left, and fewer as the window fills) and spends them locally, so the
 * permits handed out across replicas never exceed the limit and a check usually costs no round trip.
 */
export function createLeasedRateCounter(options: { nc: NatsConnection; prefix: string }) {
  const buckets = new Map<ThrottleRate['window'], Promise<KV>>();
  const leases = new Map<string, Lease>();

  const bucketOf = (window: ThrottleRate['window']) => {
    let bucket = buckets.get(window);
    if (!bucket) {
      bucket = new Kvm(options.nc)
        .create(`${options.prefix}-throttle-${window}`, { ttl: WINDOW_MS[window] * 2, history: 1 })
        .catch((error: unknown) => {
          buckets.delete(window);
          throw error;
        });
      buckets.set(window, bucket);
    }
    return bucket;
  };

  /** Takes up to `wanted` permits of the window from the bucket; 0 when the window is full. */
  const claim = async (rate: ThrottleRate, key: string): Promise<number> => {
    const store = await bucketOf(rate.window);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const entry = await store.get(key);
      const used = entry && entry.operation === 'PUT' ? Number(decoder.decode(entry.value)) : 0;
      const left = rate.limit - used;
      if (left <= 0) return 0;
      const take = Math.max(1, Math.min(MAX_LEASE, Math.ceil(left / 4)));
      const value = encoder.encode(String(used + take));
      try {
        if (entry && entry.operation === 'PUT') await store.update(key, value, entry.revision);
        else await store.create(key, value);
        return take;
      } catch {
        // Another replica changed the count in between: read it again, after a random pause that grows with each
        // loss, so a replica claiming in quick succession cannot starve the others.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * (attempt + 1)));
      }
    }
    throw new Error(`could not update the count of ${key}`);
  };

  const refill = (lease: Lease, rate: ThrottleRate, key: string) => {
    lease.refill ??= claim(rate, key)
      .then((taken) => {
        lease.remaining += taken;
        return taken;
      })
      .catch((error: unknown) => {
        // The bucket may be gone (or the bus down): open it again next time.
        buckets.delete(rate.window);
        throw error;
      })
      .finally(() => {
        lease.refill = null;
      });
    return lease.refill;
  };

  return {
    /**
     * Spends one permit of `identity` in the current window of `rate`; false when none is left. Throws when the
     * bucket cannot be reached (the caller fails open). The next lease is claimed in the background before this one
     * runs out, so a check seldom waits for the bucket.
     */
    async take(scope: string, identity: string, rate: ThrottleRate, now = Date.now()): Promise<boolean> {
      const windowIndex = Math.floor(now / WINDOW_MS[rate.window]);
      const leaseKey = `${scope}.${rate.window}.${identity}`;
      const key = `${leaseKey}.${windowIndex}`;
      let lease = leases.get(leaseKey);
      if (!lease || lease.windowIndex !== windowIndex) {
        lease = { windowIndex, remaining: 0, refill: null };
        leases.set(leaseKey, lease);
      }
      while (lease.remaining === 0) {
        // Concurrent checks may spend a claim's permits before this one gets to: it claims again, until none are left.
        if ((await refill(lease, rate, key)) === 0 && lease.remaining === 0) return false;
      }
      lease.remaining -= 1;
      // After this request has gone on its way: starting a claim is itself work.
      if (lease.remaining <= LOW_WATER) setImmediate(() => refill(lease, rate, key).catch(() => undefined));
      return true;
    },
  };
}

export type LeasedRateCounter = ReturnType<typeof createLeasedRateCounter>;
