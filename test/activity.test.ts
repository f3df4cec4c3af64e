import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
}, 90_000);
afterAll(async () => system?.stop());

async function activityOf(path: string, key: string, expected: number) {
  return eventually(
    () => system.api('GET', path, { key }),
    (res) => res.status !== 200 || res.body.total_count >= expected,
  );
}

describe('GET insights/activity/ and insights/:id/activity/', () => {
  it('lists created and updated entries newest first, with before/after changes and the client header', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    const created = (
      await system.api('POST', base, {
        key: seed.key,
        body: { name: 'first', tags: ['a'] },
        headers: { 'X-PostHog-Client': 'posthog-cli' },
      })
    ).body;
    await system.api('PATCH', `${base}${created.id}/`, { key: seed.key, body: { name: 'second', tags: ['b'] } });
    const res = await activityOf(`${base}activity/`, seed.key, 2);
    expect(res.status).toBe(200);
    expect(res.body.total_count).toBe(2);
    expect(res.body.next).toBeNull();
    expect(res.body.previous).toBeNull();
    const [updated, creation] = res.body.results;
    expect(creation).toMatchObject({
      activity: 'created',
      scope: 'Insight',
      item_id: String(created.id),
      user: { first_name: 'Ada', email: seed.user.email },
      detail: { name: 'first', short_id: created.short_id, changes: null, type: null, trigger: null },
      client: 'posthog-cli',
    });
    expect(updated.activity).toBe('updated');
    expect(updated.client).toBeNull();
    expect(updated.detail.changes).toEqual([
      { type: 'Insight', action: 'changed', field: 'tags', before: ['a'], after: ['b'] },
      { type: 'Insight', action: 'changed', field: 'name', before: 'first', after: 'second' },
    ]);
    expect(updated.created_at).toMatch(/Z$/);
  });

  it('logs deleted and restored, listed as restored, deleted, created', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    const created = (await system.api('POST', base, { key: seed.key, body: { name: 'cycle' } })).body;
    await system.api('PATCH', `${base}${created.id}/`, { key: seed.key, body: { deleted: true } });
    await system.api('PATCH', `${base}${created.id}/`, { key: seed.key, body: { deleted: false } });
    const res = await activityOf(`${base}${created.id}/activity/`, seed.key, 3);
    expect(res.body.results.map((e: any) => e.activity)).toEqual(['restored', 'deleted', 'created']);
  });

  it('logs nothing for an insight without a name and nothing for an update without changes', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    await system.api('POST', base, { key: seed.key, body: { description: 'unnamed' } });
    const named = (await system.api('POST', base, { key: seed.key, body: { name: 'named' } })).body;
    await system.api('PATCH', `${base}${named.id}/`, { key: seed.key, body: { name: 'named' } });
    await system.api('PATCH', `${base}${named.id}/`, { key: seed.key, body: { description: 'now' } });
    const res = await activityOf(`${base}activity/`, seed.key, 2);
    await new Promise((r) => setTimeout(r, 500));
    const settled = await system.api('GET', `${base}activity/`, { key: seed.key });
    expect(settled.body.total_count).toBe(2);
    expect(settled.body.results.map((e: any) => e.activity)).toEqual(['updated', 'created']);
    expect(res.status).toBe(200);
  });

  it('pages with limit and page, building next/previous as PostHog does', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    for (let i = 0; i < 5; i++) await system.api('POST', base, { key: seed.key, body: { name: `n${i}` } });
    await activityOf(`${base}activity/`, seed.key, 5);
    const first = await system.api('GET', `${base}activity/?limit=2`, { key: seed.key });
    expect(first.body.results.map((e: any) => e.detail.name)).toEqual(['n4', 'n3']);
    expect(first.body.next).toBe(`${system.baseUrl}${base}activity/?limit=2&page=2`);
    expect(first.body.previous).toBeNull();
    const second = await system.api('GET', `${base}activity/?limit=2&page=2`, { key: seed.key });
    expect(second.body.results.map((e: any) => e.detail.name)).toEqual(['n2', 'n1']);
    expect(second.body.previous).toBe(`${system.baseUrl}${base}activity/?limit=2&page=1`);
    const past = await system.api('GET', `${base}activity/?limit=2&page=9`, { key: seed.key });
    expect(past.status).toBe(200);
    expect(past.body.results).toEqual([]);
    expect(past.body.total_count).toBe(5);
    const noQuery = await system.api('GET', `${base}activity/`, { key: seed.key });
    expect(noQuery.body.next).toBeNull();
    // Whatever else the URL carries is kept in the links, however long (the service builds them from it).
    const extra = `utm_source=${'x'.repeat(10_000)}`;
    const long = await system.api('GET', `${base}activity/?limit=2&${extra}`, { key: seed.key });
    expect(long.status).toBe(200);
    expect(long.body.next).toBe(`${system.baseUrl}${base}activity/?limit=2&${extra}&page=2`);
  });

  it.each(['limit=abc', 'limit=0', 'limit=-1', 'page=abc', 'page=0', 'page=-2'])(
    'answers 400 for %s',
    async (query) => {
      const seed = await seedProject(system);
      const res = await system.api('GET', `/api/projects/${seed.project.id}/insights/activity/?${query}`, {
        key: seed.key,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ type: 'validation_error', attr: query.split('=')[0] });
    },
  );

  it('needs activity_log:read, and checks the insight on the per-insight route', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    const insightOnly = (
      await system.admin('key', 'create', '--user', String(seed.user.id), '--scopes', 'insight:write')
    ).key;
    const denied = await system.api('GET', `${base}activity/`, { key: insightOnly });
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toBe("API key missing required scope 'activity_log:read'");
    expect((await system.api('GET', `${base}987654/activity/`, { key: seed.key })).status).toBe(404);
    const hidden = (await system.api('POST', base, { key: seed.key, body: { name: 'hidden' } })).body;
    const member = await system.admin(
      'user',
      'create',
      '--email',
      `h${Date.now()}@example.com`,
      '--project',
      String(seed.project.id),
      '--level',
      'editor',
    );
    const memberKey = (await system.admin('key', 'create', '--user', String(member.id), '--scopes', '*')).key;
    await system.admin('access', 'set', '--insight', String(hidden.id), '--user', String(member.id), '--level', 'none');
    const forbidden = await system.api('GET', `${base}${hidden.id}/activity/`, { key: memberKey });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.detail).toBe('You do not have viewer access to this resource.');
  });

  it('renders activity as CSV (one wide row)', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    await system.api('POST', base, { key: seed.key, body: { name: 'csv entry' } });
    await activityOf(`${base}activity/`, seed.key, 1);
    const res = await system.api('GET', `${base}activity/?format=csv`, { key: seed.key });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, row] = res.text.split('\r\n');
    expect(header?.split(',')).toEqual(
      expect.arrayContaining(['results.0.activity', 'results.0.detail.name', 'total_count']),
    );
    expect(row).toContain('csv entry');
  });

  it("never shows project B's entries under project A", async () => {
    const a = await seedProject(system);
    const b = await seedProject(system);
    await system.api('POST', `/api/projects/${b.project.id}/insights/`, { key: b.key, body: { name: 'B secret' } });
    await activityOf(`/api/projects/${b.project.id}/insights/activity/`, b.key, 1);
    const res = await system.api('GET', `/api/projects/${a.project.id}/insights/activity/`, { key: a.key });
    expect(res.body.total_count).toBe(0);
    expect(JSON.stringify(res.body)).not.toContain('B secret');
  });

  it('writes exactly one updated entry with a tags change per insight changed by bulk_update_tags', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    const x = (await system.api('POST', base, { key: seed.key, body: { name: 'x', tags: ['keep'] } })).body;
    const y = (await system.api('POST', base, { key: seed.key, body: { name: 'y', tags: ['new'] } })).body;
    await system.api('POST', `${base}bulk_update_tags/`, {
      key: seed.key,
      body: { ids: [x.id, y.id], action: 'add', tags: ['new'] },
    });
    const xs = await activityOf(`${base}${x.id}/activity/`, seed.key, 2);
    expect(xs.body.results[0].detail.changes).toEqual([
      { type: 'Insight', action: 'changed', field: 'tags', before: ['keep'], after: ['keep', 'new'] },
    ]);
    await new Promise((r) => setTimeout(r, 500));
    const ys = await system.api('GET', `${base}${y.id}/activity/`, { key: seed.key });
    expect(ys.body.results.map((e: any) => e.activity)).toEqual(['created']);
  });
});
