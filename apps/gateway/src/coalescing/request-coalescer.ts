import { randomUUID } from 'node:crypto';
import { JsonText } from '@insights/transport';
import { type JetStreamManager, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { coalescedTotal } from '../metrics/gateway-metrics.js';

export type CoalescingRole = 'leader' | 'follower' | 'none';

export interface WorkAnswer<T> {
  status: number;
  body: T;
}

export interface CoalescedAnswer<T> extends WorkAnswer<T> {
  role: CoalescingRole;
}

export interface CoalescerOptions {
  nc: NatsConnection;
  prefix: string;
  log: Logger;
  /** How often a leader shows it is alive; a follower that hears nothing for twice as long runs the request itself. */
  heartbeatMs?: number;
  /** How long a follower waits at most for the leader before running the request itself. */
  maxWaitMs: number;
  /** Answers larger than this are not shared (they would not fit a bus message): followers run them themselves. */
  maxSharedBytes?: number;
}

/** The bucket whose keys say who leads, and the stream API that removes a key without a trace. */
interface Leadership {
  store: KV;
  jsm: JetStreamManager;
}

type LeaderMessage<T> = { type: 'heartbeat' } | { type: 'done'; status: number; body: T } | { type: 'error' };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Identical concurrent requests run once across every gateway replica (spec reference §13, DESIGN decision 3). The
 * leader is whoever creates the request's key in a NATS KV bucket (atomic, with a TTL its heartbeat keeps renewing);
 * the others subscribe to the key's subject and wait for the leader's `done` (a 2xx answer, which they reuse once
 * their own checks passed) or `error` (a 4xx or a failure: never shared; they run the request themselves), and run it
 * themselves too when the leader falls silent or takes longer than `maxWaitMs`. Within a replica, only the first of
 * the concurrent requests with a key takes part; the others share its outcome. When the bus or the bucket cannot be
 * reached, every request simply runs.
 */
export function createRequestCoalescer(options: CoalescerOptions) {
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const maxSharedBytes = options.maxSharedBytes ?? 900_000;
  const instance = randomUUID();
  const subjectOf = (key: string) => `${options.prefix}.coalesce.${key}`;
  const bucketName = `${options.prefix}-coalescing`;
  let bucket: Promise<Leadership> | undefined;
  const kv = () => {
    bucket ??= Promise.all([
      // In memory: leadership lasts one request, and a file write would sit on every coordinated request's path.
      new Kvm(options.nc).create(bucketName, { ttl: heartbeatMs * 12, history: 1, storage: StorageType.Memory }),
      jetstreamManager(options.nc),
    ])
      .then(([store, jsm]) => ({ store, jsm }))
      .catch((error: unknown) => {
        bucket = undefined;
        throw error;
      });
    return bucket;
  };

  const encode = <T>(message: LeaderMessage<T>) => encoder.encode(JSON.stringify(message));
  // A body the service sent as JSON text goes on as it is, not parsed to be serialized again.
  const encodeDone = (status: number, body: unknown) =>
    body instanceof JsonText
      ? JsonText.within(`{"type":"done","status":${status},"body":`, body, '}')
      : encode({ type: 'done', status, body });
  const publish = (key: string, data: Uint8Array) => {
    try {
      options.nc.publish(subjectOf(key), data);
    } catch (error) {
      options.log.warn({ err: error }, 'coalescing: could not publish to followers');
    }
  };

  /**
   * Tells the followers, then gives up the lead and tells them again. The first message goes out at once, before this
   * replica's own followers and the leader's answer are written: followers on other replicas would otherwise wait for
   * all of that. It reaches every follower that is waiting; the second reaches the ones that subscribed in between
   * (their second create failed, so they subscribed before the key was removed). A request arriving after the removal
   * leads afresh. The key is purged rather than deleted: a delete leaves a marker, and creating over a marker costs two
   * more round trips on the next request's path.
   */
  const resign = ({ jsm }: Leadership, key: string, message: Uint8Array) => {
    publish(key, message);
    setImmediate(() => {
      void jsm.streams
        .purge(`KV_${bucketName}`, { filter: `$KV.${bucketName}.${key}` })
        .catch(() => undefined)
        .then(() => publish(key, message));
    });
  };

  const lead = async <T>(leadership: Leadership, key: string, revision: number, work: () => Promise<WorkAnswer<T>>) => {
    const { store } = leadership;
    let current = revision;
    const heartbeat = setInterval(() => {
      publish(key, encode({ type: 'heartbeat' }));
      store.update(key, instance, current).then(
        (next) => {
          current = next;
        },
        () => undefined,
      );
    }, heartbeatMs);
    let answer: WorkAnswer<T>;
    try {
      answer = await work();
    } catch (error) {
      clearInterval(heartbeat);
      resign(leadership, key, encode({ type: 'error' }));
      throw error;
    }
    clearInterval(heartbeat);
    const shared = answer.status >= 200 && answer.status < 300;
    const done = shared ? encodeDone(answer.status, answer.body) : null;
    resign(leadership, key, done && done.byteLength <= maxSharedBytes ? done : encode({ type: 'error' }));
    return answer;
  };

  /** Waits for the leader's answer: the shared 2xx, or null when the follower must run the request itself. */
  const follow = <T>(subscription: Subscription): Promise<WorkAnswer<T> | null> =>
    new Promise((resolve) => {
      let settled = false;
      const finish = (answer: WorkAnswer<T> | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        clearTimeout(silence);
        subscription.unsubscribe();
        resolve(answer);
      };
      const deadline = setTimeout(() => finish(null), options.maxWaitMs);
      let silence = setTimeout(() => finish(null), heartbeatMs * 2);
      (async () => {
        for await (const message of subscription) {
          const payload = JSON.parse(decoder.decode(message.data)) as LeaderMessage<T>;
          if (payload.type === 'heartbeat') {
            clearTimeout(silence);
            silence = setTimeout(() => finish(null), heartbeatMs * 2);
          } else if (payload.type === 'done') {
            finish({ status: payload.status, body: payload.body });
          } else {
            finish(null);
          }
        }
      })().catch(() => finish(null));
    });

  /** The first of this replica's concurrent requests with a key takes part in the replicas' election for all of them. */
  const elect = async <T>(key: string, work: () => Promise<WorkAnswer<T>>): Promise<CoalescedAnswer<T>> => {
    let leadership: Leadership;
    let subscription: Subscription | null = null;
    let revision: number | null;
    try {
      leadership = await kv();
      const claim = () => leadership.store.create(key, instance).catch(() => null);
      revision = await claim();
      if (revision === null) {
        // Someone leads. Listen, then try once more: a leader that finished in between has purged its key (so this
        // request leads), or has yet to, and says so again once it has (so this request hears it). Leaders alone,
        // the common case, never subscribe.
        subscription = options.nc.subscribe(subjectOf(key));
        revision = await claim();
      }
    } catch (error) {
      subscription?.unsubscribe();
      options.log.warn({ err: error }, 'coalescing unavailable, running the request alone');
      coalescedTotal.inc({ role: 'unavailable' });
      return { ...(await work()), role: 'none' };
    }
    if (revision !== null) {
      subscription?.unsubscribe();
      coalescedTotal.inc({ role: 'leader' });
      return { ...(await lead(leadership, key, revision, work)), role: 'leader' };
    }
    // A bucket that cannot be reached fails both creates too: then nothing is heard, and the request runs alone.
    const shared = await follow<T>(subscription as Subscription);
    if (!shared) {
      coalescedTotal.inc({ role: 'fallback' });
      return { ...(await work()), role: 'none' };
    }
    coalescedTotal.inc({ role: 'follower' });
    return { ...shared, role: 'follower' };
  };

  /** This replica's requests in flight, by key: the ones that arrive while one runs wait for its answer. */
  const inFlight = new Map<string, Promise<WorkAnswer<unknown> | null>>();

  return {
    /**
     * Runs `work` once for every concurrent request with this key, on whichever replica became leader. A follower
     * reuses the leader's 2xx only after `admit` (its own object-level check) passed; `admit` may also adapt the body
     * to the follower (its own access level).
     */
    async run<T>(
      key: string,
      work: () => Promise<WorkAnswer<T>>,
      admit: (body: T) => Promise<T> = async (body) => body,
    ): Promise<CoalescedAnswer<T>> {
      const running = inFlight.get(key) as Promise<WorkAnswer<T> | null> | undefined;
      if (running) {
        const shared = await running;
        if (!shared) {
          coalescedTotal.inc({ role: 'fallback' });
          return { ...(await work()), role: 'none' };
        }
        coalescedTotal.inc({ role: 'follower' });
        return { status: shared.status, body: await admit(shared.body), role: 'follower' };
      }
      const answer = elect(key, work);
      const shareable = answer.then(
        (settled) => {
          inFlight.delete(key);
          return settled.status >= 200 && settled.status < 300 ? settled : null;
        },
        () => {
          inFlight.delete(key);
          return null;
        },
      );
      inFlight.set(key, shareable);
      const settled = await answer;
      return settled.role === 'follower'
        ? { status: settled.status, body: await admit(settled.body), role: 'follower' }
        : settled;
    },
  };
}

export type RequestCoalescer = ReturnType<typeof createRequestCoalescer>;
