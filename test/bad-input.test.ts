/**
 * Named cases for bad input the fuzzer (`fuzz.test.ts`, `test/fuzz/`) found answered wrongly: ids outside PostgreSQL's
 * `integer`, NUL in the tags filter, bodies that are not UTF-8 or declare another charset. Each says what the answer
 * must be and checks that nothing else changed (the whole database, events included). The generated requests that
 * used to live here are the fuzzer's now.
 */
import { BULK_UPDATE_TAGS_SKIP_REASON } from '@insights/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from './fuzz/drafts.js';
import { errorShapeProblem } from './fuzz/invariants.js';
import { type ProcessWatch, watchProcesses } from './fuzz/process-watch.js';
import { diffSnapshots, type Snapshot, StateSnapshotter } from './fuzz/state-snapshot.js';
import { type Reply, send } from './fuzz/wire.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let system: RunningSystem;
let watch: ProcessWatch;
let snapshotter: StateSnapshotter;
let key: string;
let insightsPath: string;
let insightId: number;

beforeAll(async () => {
  system = await startSystem();
  const seed = await seedProject(system);
  key = seed.key;
  insightsPath = `/api/projects/${seed.project.id}/insights/`;
  const created = await system.api('POST', insightsPath, { key, body: { name: 'Signups', tags: ['growth'] } });
  expect(created.status).toBe(201);
  insightId = created.body.id;
  snapshotter = await StateSnapshotter.connect(system.database.url);
  watch = watchProcesses(system);
}, 60_000);
// A case that brings a service down fails on its own; the next one starts from a running system again.
afterEach(async () => {
  if ((await watch.crashes()).length > 0) await snapshotter.afterCrash();
}, 30_000);
afterAll(async () => {
  await snapshotter?.close();
  await system?.stop();
});

/** Sends exactly these bytes (raw `node:http`: no re-encoding of the body or the query string). */
function request(
  method: string,
  path: string,
  options: { query?: string[]; body?: Buffer | string; contentType?: string } = {},
): Promise<Reply> {
  const draft: Draft = {
    route: 'named case',
    label: 'named case',
    method,
    path,
    query: options.query ?? [],
    headers: {
      authorization: `Bearer ${key}`,
      ...(options.contentType !== undefined && { 'content-type': options.contentType }),
    },
    ...(options.body !== undefined && { body: Buffer.from(options.body) }),
    credentials: 'key',
    expect: 'either',
    reasons: [],
  };
  return send(system.baseUrl, draft);
}

function postJson(path: string, body: unknown): Promise<Reply> {
  return request('POST', path, { body: JSON.stringify(body), contentType: 'application/json' });
}

/**
 * Runs `act`, and answers what it answered and the tables it changed once the event consumers caught up (null when
 * they did not, and nothing can be said).
 */
async function withStateCheck(act: () => Promise<Reply>): Promise<{ reply: Reply; changed: string[] | null }> {
  const before: Snapshot = await snapshotter.settled();
  const reply = await act();
  const after = await snapshotter.settled();
  const changed = before.settled && after.settled ? diffSnapshots(before, after).map((diff) => diff.table) : null;
  return { reply, changed };
}

function expectUnchanged(changed: string[] | null): void {
  expect(changed, 'the event consumers did not catch up').not.toBeNull();
  expect(changed).toEqual([]);
}

function expectViewsUp(): void {
  expect(system.processes.get('views')?.exitCode ?? null, 'the views process exited').toBeNull();
}

function expectPostHogError(reply: Reply, status: number, code?: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(errorShapeProblem(false, reply)).toBeNull();
  if (code) expect(JSON.parse(reply.text)).toMatchObject({ code });
}

describe('ids outside the 32-bit range', () => {
  it.each([2_147_483_648, -2_147_483_649])(
    'bulk_update_tags skips id %d with the usual reason: 200, not 500, and nothing changes',
    async (id) => {
      const { reply, changed } = await withStateCheck(() =>
        postJson(`${insightsPath}bulk_update_tags/`, { ids: [id], action: 'add', tags: ['x'] }),
      );
      expect(reply.status, reply.text).toBe(200);
      expect(JSON.parse(reply.text)).toEqual({ updated: [], skipped: [{ id, reason: BULK_UPDATE_TAGS_SKIP_REASON }] });
      expectUnchanged(changed);
    },
  );

  it.each([2_147_483_648, -2_147_483_649])(
    'viewed drops id %d silently: 201 with an empty body, no view recorded',
    async (id) => {
      const { reply, changed } = await withStateCheck(() => postJson(`${insightsPath}viewed/`, { insight_ids: [id] }));
      expectViewsUp();
      expect(reply.status, reply.text).toBe(201);
      expect(reply.text).toBe('');
      expectUnchanged(changed);
    },
  );

  // Found by the fuzzer: the views process used to exit on an unhandled rejection here, and every views route then
  // answered 503/504 until it was restarted.
  it('viewed with a valid id and one outside the range: 201, the valid view recorded, the views service still up', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const reply = await postJson(`${insightsPath}viewed/`, { insight_ids: [insightId, 2_147_483_648] });
      expectViewsUp();
      expect(reply.status, reply.text).toBe(201);
    }
    const lastViewed = await request('GET', `${insightsPath}my_last_viewed/`);
    expect(lastViewed.status, lastViewed.text).toBe(200);
    expect(JSON.parse(lastViewed.text).map((insight: { id: number }) => insight.id)).toContain(insightId);
  });
});

describe('NUL in the tags filter', () => {
  // The JSON escape decodes to a NUL, which no tag can hold (DRF refuses it on write, PostgreSQL cannot store it).
  it.each(['["\\u0000"]', '["a\\u0000b"]'])('tags=%s is 400 in PostHog’s error shape', async (tags) => {
    const { reply, changed } = await withStateCheck(() =>
      request('GET', insightsPath, { query: [`tags=${encodeURIComponent(tags)}`] }),
    );
    expectPostHogError(reply, 400);
    expectUnchanged(changed);
  });

  it.each(['["\u0000"]', '["a\u0000b"]'])(
    'a raw NUL in the tags filter (%j, not JSON) is 400 as well',
    async (tags) => {
      const reply = await request('GET', insightsPath, { query: [`tags=${encodeURIComponent(tags)}`] });
      expectPostHogError(reply, 400);
    },
  );
});

describe('JSON bodies that are not UTF-8', () => {
  it('a body with invalid UTF-8 bytes ({"name":"caf\\xe9"}) is 400 and creates nothing', async () => {
    const { reply, changed } = await withStateCheck(() =>
      request('POST', insightsPath, {
        body: Buffer.from('{"name":"caf\xe9"}', 'latin1'),
        contentType: 'application/json',
      }),
    );
    expectPostHogError(reply, 400);
    expectUnchanged(changed);
  });

  it.each(['application/json; charset=latin1', 'application/json; charset=utf-16'])(
    'a body declared as %s is 415 unsupported_media_type and creates nothing',
    async (contentType) => {
      const { reply, changed } = await withStateCheck(() =>
        request('POST', insightsPath, { body: '{"name":"cafe"}', contentType }),
      );
      expectPostHogError(reply, 415, 'unsupported_media_type');
      expect(JSON.parse(reply.text)).toMatchObject({ type: 'invalid_request' });
      expectUnchanged(changed);
    },
  );

  it.each(['application/json; charset=utf-8', 'application/json; charset=UTF-8', 'application/json;charset=Utf-8'])(
    'a body declared as %s is still accepted',
    async (contentType) => {
      const reply = await request('POST', insightsPath, { body: '{"name":"café"}', contentType });
      expect(reply.status, reply.text).toBe(201);
      expect(JSON.parse(reply.text)).toMatchObject({ name: 'café' });
    },
  );
});
