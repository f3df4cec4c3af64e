import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
}, 90_000);
afterAll(async () => system?.stop());

async function project() {
  const seed = await seedProject(system);
  const base = `/api/projects/${seed.project.id}/insights/`;
  const create = async (name: string) =>
    (await system.api('POST', base, { key: seed.key, body: { name } })).body as { id: number; short_id: string };
  const view = (ids: unknown, key = seed.key) =>
    system.api('POST', `${base}viewed/`, { key, body: { insight_ids: ids } });
  const lastViewed = async (key = seed.key) =>
    (await system.api('GET', `${base}my_last_viewed/`, { key })).body as any[];
  return { seed, base, create, view, lastViewed };
}

describe('POST insights/viewed/', () => {
  it('answers 201 with an empty body and records the view', async () => {
    const p = await project();
    const a = await p.create('viewed one');
    const res = await p.view([a.id]);
    expect(res.status).toBe(201);
    expect(res.text).toBe('');
    const list = await eventually(
      () => p.lastViewed(),
      (l) => l.length > 0 && l[0].id === a.id,
    );
    expect(list[0].id).toBe(a.id);
  });

  it('drops ids of deleted insights, other projects and unknown ids, and still answers 201', async () => {
    const p = await project();
    const other = await project();
    const foreign = await other.create('foreign');
    const gone = await p.create('gone');
    await system.api('PATCH', `${p.base}${gone.id}/`, { key: p.seed.key, body: { deleted: true } });
    const before = new Date();
    const res = await p.view([foreign.id, gone.id, 123456789]);
    expect(res.status).toBe(201);
    const client = new pg.Client({ connectionString: system.database.url });
    await client.connect();
    try {
      const rows = await client.query(
        'SELECT insight_id, last_viewed_at FROM views.insight_viewed WHERE project_id = $1 AND user_id = $2',
        [p.seed.project.id, p.seed.user.id],
      );
      const ids = rows.rows.map((r) => r.insight_id);
      expect(ids).not.toContain(foreign.id);
      expect(ids).not.toContain(123456789);
      // The deleted insight keeps only the view its creation recorded; this call added nothing.
      for (const row of rows.rows) expect(new Date(row.last_viewed_at).getTime()).toBeLessThan(before.getTime());
    } finally {
      await client.end();
    }
  });

  it.each([
    ['missing ids', {}, 'insight_ids', 'required'],
    ['empty list', { insight_ids: [] }, 'insight_ids', 'empty'],
    ['not a list', { insight_ids: 'abc' }, 'insight_ids', 'not_a_list'],
    ['non-integer id', { insight_ids: ['abc', 1] }, 'insight_ids__0', 'invalid_input'],
    ['2501 ids', { insight_ids: Array.from({ length: 2501 }, (_, i) => i + 1) }, 'insight_ids', 'max_length'],
  ])('rejects a bad body (%s) with 400 and writes nothing', async (_label, body, attr, code) => {
    const p = await project();
    const res = await system.api('POST', `${p.base}viewed/`, { key: p.seed.key, body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'validation_error', attr, code });
  });
});

describe('GET insights/my_last_viewed/', () => {
  it('lists the 5 most recent, newest first, with this user’s last_viewed_at, without duplicates', async () => {
    const p = await project();
    const insights = [];
    for (let i = 0; i < 7; i++) insights.push(await p.create(`mlv ${i}`));
    for (const insight of insights) {
      await p.view([insight.id]);
      await new Promise((r) => setTimeout(r, 5));
    }
    await p.view([insights[2]!.id]);
    const list = await p.lastViewed();
    expect(list.map((i) => i.id)).toEqual([
      insights[2]!.id,
      insights[6]!.id,
      insights[5]!.id,
      insights[4]!.id,
      insights[3]!.id,
    ]);
    expect(list[0].last_viewed_at).toMatch(/Z$/);
    expect(Date.parse(list[0].last_viewed_at)).toBeGreaterThan(Date.parse(list[1].last_viewed_at));
    expect(list[0]).toHaveProperty('short_id');
    expect(list[0]).not.toHaveProperty('search_match_type');
  });

  it('includes insights the user created (creation records a view) and drops deleted ones', async () => {
    const p = await project();
    const created = await p.create('created by me');
    const list = await eventually(
      () => p.lastViewed(),
      (l) => l.some((i) => i.id === created.id),
    );
    expect(list.map((i) => i.id)).toContain(created.id);
    await system.api('PATCH', `${p.base}${created.id}/`, { key: p.seed.key, body: { deleted: true } });
    const after = await eventually(
      () => p.lastViewed(),
      (l) => !l.some((i) => i.id === created.id),
    );
    expect(after.map((i) => i.id)).not.toContain(created.id);
  });

  it('is an empty array for a user with no views, and CSV renders one row per insight', async () => {
    const p = await project();
    expect(await p.lastViewed()).toEqual([]);
    const a = await p.create('csv a');
    await p.view([a.id]);
    const csv = await eventually(
      () => system.api('GET', `${p.base}my_last_viewed/?format=csv`, { key: p.seed.key }),
      (res) => res.text.includes('csv a'),
    );
    const lines = csv.text.split('\r\n').filter(Boolean);
    expect(lines[0]?.split(',')).toEqual(expect.arrayContaining(['id', 'name', 'short_id', 'last_viewed_at']));
    expect(lines).toHaveLength(2);
  });
});

describe('GET insights/trending/', () => {
  it('ranks by views in the window, with viewers, view_count and last_viewed_at; limit and count', async () => {
    const p = await project();
    const hot = await p.create('hot');
    const warm = await p.create('warm');
    const viewers = [];
    for (let i = 0; i < 3; i++) {
      const u = await system.admin(
        'user',
        'create',
        '--email',
        `v${i}${Date.now()}@example.com`,
        '--first-name',
        `V${i}`,
        '--project',
        String(p.seed.project.id),
        '--level',
        'viewer',
      );
      viewers.push(
        (await system.admin('key', 'create', '--user', String(u.id), '--scopes', 'insight:read')).key as string,
      );
    }
    for (const key of viewers) await p.view([hot.id], key);
    await p.view([warm.id], viewers[0]);
    const res = await eventually(
      () => system.api('GET', `${p.base}trending/`, { key: p.seed.key }),
      (r) => r.body?.results?.[0]?.id === hot.id && r.body.results[0].view_count >= 3,
    );
    expect(res.status).toBe(200);
    expect(res.body.next).toBeNull();
    expect(res.body.previous).toBeNull();
    const [first, second] = res.body.results;
    expect(first.id).toBe(hot.id);
    expect(first.view_count).toBeGreaterThanOrEqual(3);
    expect(first.viewers.length).toBeLessThanOrEqual(3);
    expect(first.viewers[0]).toHaveProperty('email');
    expect(first.last_modified_by).toMatchObject({ id: p.seed.user.id });
    expect(second.id).toBe(warm.id);
    expect(res.body.count).toBe(res.body.results.length);
    const limited = await system.api('GET', `${p.base}trending/?limit=1`, { key: p.seed.key });
    expect(limited.body.count).toBe(1);
    expect(limited.body.results[0].id).toBe(hot.id);
    const offset = await system.api('GET', `${p.base}trending/?limit=1&offset=1`, { key: p.seed.key });
    expect(offset.body.results[0].id).toBe(warm.id);
  });

  it('respects the days window and excludes deleted insights', async () => {
    const p = await project();
    const old = await p.create('old views');
    const fresh = await p.create('fresh views');
    const doomed = await p.create('doomed');
    await p.view([old.id, fresh.id, doomed.id]);
    const client = new pg.Client({ connectionString: system.database.url });
    await client.connect();
    try {
      await client.query(
        "UPDATE views.insight_viewed SET last_viewed_at = now() - interval '10 days' WHERE insight_id = $1",
        [old.id],
      );
    } finally {
      await client.end();
    }
    await system.api('PATCH', `${p.base}${doomed.id}/`, { key: p.seed.key, body: { deleted: true } });
    const res = await eventually(
      () => system.api('GET', `${p.base}trending/?days=7`, { key: p.seed.key }),
      (r) => !r.body.results.some((i: any) => i.id === doomed.id),
    );
    const ids = res.body.results.map((i: any) => i.id);
    expect(ids).toContain(fresh.id);
    expect(ids).not.toContain(old.id);
    expect(ids).not.toContain(doomed.id);
    const wide = await system.api('GET', `${p.base}trending/?days=30`, { key: p.seed.key });
    expect(wide.body.results.map((i: any) => i.id)).toContain(old.id);
  });

  it.each([['days=abc'], ['limit=x'], ['days=1.5']])(
    'answers 400 "days and limit must be valid integers" for %s',
    async (query) => {
      const p = await project();
      const res = await system.api('GET', `${p.base}trending/?${query}`, { key: p.seed.key });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        type: 'validation_error',
        code: 'invalid_input',
        detail: 'days and limit must be valid integers',
        attr: null,
      });
    },
  );

  it('answers 400 for negative values and caps limit at 100', async () => {
    const p = await project();
    expect((await system.api('GET', `${p.base}trending/?limit=-1`, { key: p.seed.key })).status).toBe(400);
    expect((await system.api('GET', `${p.base}trending/?days=-1`, { key: p.seed.key })).status).toBe(400);
    expect((await system.api('GET', `${p.base}trending/?limit=5000`, { key: p.seed.key })).status).toBe(200);
  });

  it('renders trending as CSV (one wide row)', async () => {
    const p = await project();
    const hot = await p.create('csv trending');
    await p.view([hot.id]);
    const res = await system.api('GET', `${p.base}trending/?format=csv`, { key: p.seed.key });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, row] = res.text.split('\r\n');
    expect(header?.split(',')).toEqual(
      expect.arrayContaining(['count', 'results.0.name', 'results.0.view_count', 'results.0.viewers.0.email']),
    );
    expect(row).toContain('csv trending');
  });

  it("never shows project B's views under project A", async () => {
    const a = await project();
    const b = await project();
    const secret = await b.create('B trending');
    await b.view([secret.id]);
    const res = await system.api('GET', `${a.base}trending/`, { key: a.seed.key });
    expect(JSON.stringify(res.body)).not.toContain('B trending');
  });
});

describe('bodies passed on as they came off the bus', () => {
  it('keeps multi-byte characters whole in my_last_viewed, retrieve, the list and the activity log', async () => {
    const p = await project();
    const name = 'Umsatz – café 💶 Ü';
    const created = await p.create(name);
    await p.view([created.id]);

    const listed = await eventually(
      () => p.lastViewed(),
      (l) => l.length > 0,
    );
    expect(listed[0]).toMatchObject({ id: created.id, name });
    const retrieved = await system.api('GET', `${p.base}${created.id}/`, { key: p.seed.key });
    expect(retrieved.headers.get('content-length')).toBe(String(Buffer.byteLength(retrieved.text)));
    expect(retrieved.body).toMatchObject({ id: created.id, name });
    const list = await system.api('GET', p.base, { key: p.seed.key });
    expect((list.body as { results: { name: string }[] }).results.map((insight) => insight.name)).toEqual([name]);
    const activity = await eventually(
      async () => (await system.api('GET', `${p.base}activity/`, { key: p.seed.key })).body as any,
      (page) => page.results.length > 0,
    );
    expect(activity.results[0].detail.name).toBe(name);
  });
});
