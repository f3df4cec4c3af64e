import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockEvents } from './support/events-lock.js';
import { slowFunnelQuery } from './support/slow-query.js';
import { type ApiResponse, type RunningSystem, seedProject, startSystem } from './support/system.js';

/**
 * Issue 11, coalescing across two gateway processes: identical concurrent requests run once; a follower without
 * object access gets its own 403 while followers with access get the leader's answer; a leader killed mid-query leaves
 * its followers to run the request themselves; every answer says its role in `X-Coalesced`.
 */

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let second: string;

const slowQuery = slowFunnelQuery();

beforeAll(async () => {
  system = await startSystem({ extraEnv: { COALESCING_HEARTBEAT_MS: '300', RPC_TIMEOUT_MS: '20000' } });
  seed = await seedProject(system);
  second = await system.startGatewayReplica('gateway-2');
  await system.admin('events', 'generate', '--project', String(seed.project.id), '--count', '150000', '--days', '60');
}, 180_000);

afterAll(async () => system?.stop());

async function call(baseUrl: string, method: string, path: string, key: string, body?: unknown): Promise<ApiResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
}

const gateways = () => [system.baseUrl, second];

/**
 * Time for requests sent to reach their gateway and join the leader, which cannot finish meanwhile: its query waits
 * for the events, locked by the test.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

/** The key of a new editor of the project whose access to this one insight is `none`. */
async function barredMemberKey(insightId: number, name: string): Promise<string> {
  const email = `${name}${Date.now()}@example.com`;
  const project = String(seed.project.id);
  const member = await system.admin('user', 'create', '--email', email, '--project', project, '--level', 'editor');
  await system.admin('access', 'set', '--insight', String(insightId), '--user', String(member.id), '--level', 'none');
  return (await system.admin('key', 'create', '--user', String(member.id), '--scopes', '*')).key;
}

/** A new insight of the seeded project over this query source, as the API answered its creation. */
async function createInsight(name: string, source: unknown) {
  const base = `/api/projects/${seed.project.id}/insights/`;
  return (await system.api('POST', base, { key: seed.key, body: { name, query: { kind: 'InsightVizNode', source } } }))
    .body;
}

describe('coalescing across two gateways', () => {
  it('runs 50 identical concurrent queries once, whichever gateway they reach', async () => {
    const path = `/api/projects/${seed.project.id}/query/`;
    const lock = await lockEvents(system.database.url);
    const requests = Array.from({ length: 50 }, (_, n) =>
      call(gateways()[n % 2]!, 'POST', path, seed.key, {
        query: slowQuery,
        refresh: 'force_blocking',
        client_query_id: `coalesce-${n}`,
      }),
    );
    await lock.waitUntil((pids) => pids.length > 0, "the leader's query");
    await settle();
    await lock.release();
    const answers = await Promise.all(requests);
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    const roles = answers.map((answer) => answer.headers.get('x-coalesced'));
    expect(roles.filter((role) => role === 'leader')).toHaveLength(1);
    expect(roles.filter((role) => role === 'follower').length).toBeGreaterThanOrEqual(45);
    // Computed once: every answer carries the one computation's start time.
    const computations = new Set(answers.map((answer) => answer.body.last_refresh));
    expect(computations.size).toBeLessThanOrEqual(50 - roles.filter((role) => role === 'follower').length);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body.results))).size).toBe(1);
  }, 60_000);

  it('serves a fresh cached answer without coordinating; a miss and force_blocking are coalesced', async () => {
    const path = `/api/projects/${seed.project.id}/query/`;
    const query = slowFunnelQuery(45);
    const first = await call(system.baseUrl, 'POST', path, seed.key, { query });
    expect(first.status).toBe(200);
    expect([first.body.is_cached, first.headers.get('x-coalesced')]).toEqual([false, 'leader']);

    for (const gateway of gateways()) {
      const again = await call(gateway, 'POST', path, seed.key, { query, refresh: 'blocking' });
      expect([again.status, again.body.is_cached, again.headers.get('x-coalesced')]).toEqual([200, true, 'none']);
      expect(again.body.results).toEqual(first.body.results);
      expect(again.body.last_refresh).toBe(first.body.last_refresh);
    }
    // force_blocking never takes a cached answer: it is computed, coalesced.
    const forced = await call(second, 'POST', path, seed.key, { query, refresh: 'force_blocking' });
    expect([forced.body.is_cached, forced.headers.get('x-coalesced')]).toEqual([false, 'leader']);
  }, 60_000);

  it('serves an insight whose results are fresh without coordinating; refused outsiders are still refused', async () => {
    const base = `/api/projects/${seed.project.id}/insights/`;
    const insight = await createInsight('Fresh?', slowFunnelQuery(40));
    const path = `${base}${insight.id}/?refresh=blocking`;
    const first = await call(system.baseUrl, 'GET', path, seed.key);
    expect([first.status, first.body.is_cached, first.headers.get('x-coalesced')]).toEqual([200, false, 'leader']);

    for (const gateway of gateways()) {
      const again = await call(gateway, 'GET', path, seed.key);
      expect([again.status, again.body.is_cached, again.headers.get('x-coalesced')]).toEqual([200, true, 'none']);
      expect(again.body.result).toEqual(first.body.result);
      expect(again.body.last_refresh).toBe(first.body.last_refresh);
      expect(again.body.user_access_level).toBe(first.body.user_access_level);
    }
    // A member without access to this insight gets its 403 from the fresh read too.
    const barred = await call(second, 'GET', path, await barredMemberKey(insight.id, 'barred'));
    expect([barred.status, barred.headers.get('x-coalesced')]).toEqual([403, 'none']);
  }, 60_000);

  it('shares an insight only with followers who may see it, each with its own access level', async () => {
    const base = `/api/projects/${seed.project.id}/insights/`;
    const insight = await createInsight('Shared?', slowQuery);
    const viewer = await system.admin(
      'user',
      'create',
      '--email',
      `viewer${Date.now()}@example.com`,
      '--project',
      String(seed.project.id),
      '--level',
      'viewer',
    );
    const viewerKey = (await system.admin('key', 'create', '--user', String(viewer.id), '--scopes', '*')).key;
    const outsiderKey = await barredMemberKey(insight.id, 'outsider');

    const path = `${base}${insight.id}/?refresh=force_blocking`;
    const lock = await lockEvents(system.database.url);
    const editors = call(system.baseUrl, 'GET', path, seed.key);
    await lock.waitUntil((pids) => pids.length > 0, "the editor's query");
    const requests = Promise.all([
      ...Array.from({ length: 4 }, (_, n) => call(gateways()[n % 2]!, 'GET', path, viewerKey)),
      ...Array.from({ length: 4 }, (_, n) => call(gateways()[n % 2]!, 'GET', path, outsiderKey)),
    ]);
    await settle();
    await lock.release();
    const others = await requests;
    const leader = await editors;
    expect(leader.status).toBe(200);
    expect(leader.headers.get('x-coalesced')).toBe('leader');
    for (const answer of others.slice(0, 4)) {
      expect(answer.status).toBe(200);
      expect(answer.body.result).toEqual(leader.body.result);
      expect(answer.body.user_access_level).toBe('viewer');
    }
    expect(others.slice(0, 4).some((answer) => answer.headers.get('x-coalesced') === 'follower')).toBe(true);
    for (const answer of others.slice(4)) {
      expect(answer.status).toBe(403);
      expect(answer.body.detail).toBe('You do not have viewer access to this resource.');
    }
    expect(leader.body.user_access_level).toBe('editor');
  }, 60_000);

  it('lets followers run the request themselves when their leader dies mid-query', async () => {
    const replica = await system.startGatewayReplica('gateway-doomed');
    const path = `/api/projects/${seed.project.id}/query/`;
    const body = { query: { ...slowQuery, dateRange: { date_from: '-59d' } }, refresh: 'force_blocking' };
    // The events stay locked until the leader is dead and a follower runs the query itself: however fast the machine,
    // the leader cannot finish first.
    const lock = await lockEvents(system.database.url);
    try {
      const doomed = call(replica, 'POST', path, seed.key, body).catch(() => null);
      const leaderQueries = await lock.waitUntil((pids) => pids.length > 0, "the leader's query");
      const followers = Array.from({ length: 4 }, () => call(second, 'POST', path, seed.key, body));
      await settle();
      system.processes.get('gateway-doomed')!.kill('SIGKILL');
      await lock.waitUntil((pids) => pids.some((pid) => !leaderQueries.includes(pid)), "a follower's own query");
      await lock.release();

      const answers = await Promise.all(followers);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
      // One of them ran the request itself; on its replica, the others shared that run rather than the dead leader's.
      const roles = answers.map((answer) => answer.headers.get('x-coalesced'));
      expect(roles.filter((role) => role === 'none')).toHaveLength(1);
      expect(roles.filter((role) => role === 'leader')).toHaveLength(0);
      expect(new Set(answers.map((answer) => answer.body.last_refresh)).size).toBe(1);
      await doomed;
    } finally {
      await lock.release();
    }
  }, 60_000);

  it('analyzes an insight once for identical concurrent requests on both gateways', async () => {
    const base = `/api/projects/${seed.project.id}/insights/`;
    const source = { ...slowQuery, dateRange: { date_from: '-58d' } };
    const insight = await createInsight('Analyzed together', source);
    const lock = await lockEvents(system.database.url);
    const requests = Array.from({ length: 10 }, (_, n) =>
      call(gateways()[n % 2]!, 'GET', `${base}${insight.id}/analyze/`, seed.key),
    );
    await lock.waitUntil((pids) => pids.length > 0, "the leader's query");
    await settle();
    await lock.release();
    const answers = await Promise.all(requests);
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    const roles = answers.map((answer) => answer.headers.get('x-coalesced'));
    expect(roles.filter((role) => role === 'leader')).toHaveLength(1);
    expect(roles.filter((role) => role === 'follower').length).toBeGreaterThanOrEqual(5);
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
  }, 60_000);

  it('marks requests that take no part in coalescing', async () => {
    const plain = await system.api('GET', `/api/projects/${seed.project.id}/insights/`, { key: seed.key });
    expect(plain.headers.get('x-coalesced')).toBe('none');
  });
});
