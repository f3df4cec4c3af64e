import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestCoalescer, type RequestCoalescer } from './request-coalescer.js';

/**
 * The coalescer on the real NATS, two "replicas" (two connections, two coalescers) sharing one prefix: who leads, what
 * followers get, and what they never get.
 */

const prefix = `rc${randomBytes(4).toString('hex')}`;
let connections: NatsConnection[] = [];
let replicas: RequestCoalescer[] = [];

beforeAll(async () => {
  connections = await Promise.all([0, 1].map(() => connect({ servers: process.env.NATS_URL ?? '127.0.0.1:4222' })));
  replicas = connections.map((nc) =>
    createRequestCoalescer({ nc, prefix, log: pino({ level: 'silent' }), heartbeatMs: 200, maxWaitMs: 5_000 }),
  );
});

afterAll(async () => {
  const jsm = await jetstreamManager(connections[0]!);
  await jsm.streams.delete(`KV_${prefix}-coalescing`).catch(() => undefined);
  await Promise.all(connections.map((nc) => nc.close()));
});

/**
 * Work that takes long enough for every concurrent request to join it, even when a loaded machine is slow to make the
 * first claims on the bus (creating the bucket): a request arriving after the answer would lead afresh.
 */
const slow =
  <T>(body: T, status = 200, ms = 500) =>
  async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { status, body };
  };

describe('request coalescer', () => {
  it('runs concurrent requests with one key once, on either replica, and shares the answer', async () => {
    let runs = 0;
    const work = async () => {
      runs++;
      return slow({ run: runs })();
    };
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => replicas[n % 2]!.run('shared-key', work)));
    expect(runs).toBe(1);
    expect(answers.map((answer) => answer.role).sort()).toEqual([...Array(9).fill('follower'), 'leader']);
    expect(answers.every((answer) => answer.status === 200 && (answer.body as { run: number }).run === 1)).toBe(true);
  });

  it('lets a request that arrives after the answer lead afresh, not reuse the old answer', async () => {
    let runs = 0;
    const work = async () => ({ status: 200, body: { run: ++runs } });
    const first = await replicas[0]!.run('sequential-key', work);
    const second = await replicas[1]!.run('sequential-key', work);
    const third = await replicas[0]!.run('sequential-key', work);
    expect([first.role, second.role, third.role]).toEqual(['leader', 'leader', 'leader']);
    expect(runs).toBe(3);
  });

  it('never shares a 4xx: each follower runs the request itself', async () => {
    let runs = 0;
    const work = async () => {
      runs++;
      return slow({ detail: 'Not found.' }, 404)();
    };
    const answers = await Promise.all([replicas[0]!.run('refused-key', work), replicas[1]!.run('refused-key', work)]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404]);
    expect(answers.map((answer) => answer.role).sort()).toEqual(['leader', 'none']);
    expect(runs).toBe(2);
  });

  it('gives a follower the shared body only through its own check, which may refuse it', async () => {
    const leader = replicas[0]!.run('checked-key', slow({ secret: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const refused = replicas[1]!.run('checked-key', slow({ secret: 2 }), async () => {
      throw new Error('no access');
    });
    await expect(refused).rejects.toThrow('no access');
    expect((await leader).role).toBe('leader');
  });

  it('does not share an answer too large for the bus: followers run the request themselves', async () => {
    const small = createRequestCoalescer({
      nc: connections[1]!,
      prefix,
      log: pino({ level: 'silent' }),
      heartbeatMs: 200,
      maxWaitMs: 5_000,
      maxSharedBytes: 100,
    });
    let runs = 0;
    const work = async () => {
      runs++;
      return slow({ rows: 'x'.repeat(500) })();
    };
    const leader = small.run('large-key', work);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const follower = await replicas[0]!.run('large-key', work);
    expect((await leader).role).toBe('leader');
    expect(follower.role).toBe('none');
    expect(runs).toBe(2);
  });
});
