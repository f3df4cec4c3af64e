import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLeasedRateCounter, type LeasedRateCounter } from './leased-rate-counter.js';

/** The shared counter on the real NATS, two "replicas" (two connections) counting the same identities. */

const prefix = `lr${randomBytes(4).toString('hex')}`;
let connections: NatsConnection[] = [];
let replicas: LeasedRateCounter[] = [];

beforeAll(async () => {
  connections = await Promise.all([0, 1].map(() => connect({ servers: process.env.NATS_URL ?? '127.0.0.1:4222' })));
  replicas = connections.map((nc) => createLeasedRateCounter({ nc, prefix }));
});

afterAll(async () => {
  const jsm = await jetstreamManager(connections[0]!);
  for (const window of ['minute', 'hour']) await jsm.streams.delete(`KV_${prefix}-throttle-${window}`).catch(() => 0);
  await Promise.all(connections.map((nc) => nc.close()));
});

const minute = (limit: number) => ({ window: 'minute' as const, limit });

describe('leased rate counter', () => {
  it('never hands out more permits than the limit, however many replicas ask at once', async () => {
    const now = Date.now();
    const taken = await Promise.all(
      Array.from({ length: 120 }, (_, n) => replicas[n % 2]!.take('query', 'burst', minute(50), now)),
    );
    const allowed = taken.filter(Boolean).length;
    expect(allowed).toBeLessThanOrEqual(50);
    // Unspent leases may strand a few permits on one replica, never many.
    expect(allowed).toBeGreaterThanOrEqual(40);
  });

  it('refuses nothing below the limit when one replica asks alone', async () => {
    const now = Date.now();
    const taken = [];
    for (let n = 0; n < 30; n++) taken.push(await replicas[0]!.take('query', 'alone', minute(30), now));
    expect(taken.every(Boolean)).toBe(true);
    expect(await replicas[0]!.take('query', 'alone', minute(30), now)).toBe(false);
  });

  it('counts each identity and each window apart', async () => {
    const now = Date.now();
    expect(await replicas[0]!.take('query', 'first', minute(1), now)).toBe(true);
    expect(await replicas[0]!.take('query', 'first', minute(1), now)).toBe(false);
    expect(await replicas[1]!.take('query', 'second', minute(1), now)).toBe(true);
    expect(await replicas[0]!.take('query', 'first', minute(1), now + 60_000)).toBe(true);
  });
});
