import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let base: string;

beforeAll(async () => {
  system = await startSystem();
  seed = await seedProject(system);
  base = `/api/projects/${seed.project.id}/insights`;
}, 90_000);
afterAll(async () => system?.stop());

const trendsQuery = {
  kind: 'InsightVizNode',
  source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] },
};

describe('insight CRUD through REST', () => {
  it('creates an insight with tags and returns the full serializer', async () => {
    const res = await system.api('POST', `${base}/`, {
      key: seed.key,
      body: { name: 'Signups', description: 'weekly', query: trendsQuery, tags: ['  Growth ', 'growth', 'KPI'] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Signups',
      description: 'weekly',
      deleted: false,
      saved: true,
      favorited: false,
      filters: {},
      query: trendsQuery,
      tags: ['growth', 'kpi'],
      dashboards: [],
      user_access_level: 'editor',
      created_by: { id: seed.user.id, email: seed.user.email, first_name: 'Ada' },
      last_modified_by: { id: seed.user.id },
    });
    expect(res.body.short_id).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(res.body.created_at).toMatch(/Z$/);
  });

  it('retrieves by numeric id and by short_id, with or without the trailing slash', async () => {
    const created = (await system.api('POST', `${base}/`, { key: seed.key, body: { name: 'By id' } })).body;
    const byId = await system.api('GET', `${base}/${created.id}/`, { key: seed.key });
    const byShortId = await system.api('GET', `${base}/${created.short_id}`, { key: seed.key });
    expect(byId.status).toBe(200);
    expect(byShortId.status).toBe(200);
    expect(byShortId.body.id).toBe(created.id);
    expect(byId.body.name).toBe('By id');
  });

  it('serves the same insight under /api/environments/', async () => {
    const created = (await system.api('POST', `${base}/`, { key: seed.key, body: { name: 'Env alias' } })).body;
    const res = await system.api('GET', `/api/environments/${seed.project.id}/insights/${created.id}/`, {
      key: seed.key,
    });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(created.id);
  });

  it('updates with PATCH, replaces tags and bumps last_modified_at on a material change', async () => {
    const created = (
      await system.api('POST', `${base}/`, { key: seed.key, body: { name: 'Before', tags: ['a', 'b'] } })
    ).body;
    const patched = await system.api('PATCH', `${base}/${created.id}/`, {
      key: seed.key,
      body: { name: 'After', tags: ['c'] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('After');
    expect(patched.body.tags).toEqual(['c']);
    expect(Date.parse(patched.body.last_modified_at)).toBeGreaterThanOrEqual(Date.parse(created.last_modified_at));
    const favorited = await system.api('PUT', `${base}/${created.id}/`, { key: seed.key, body: { favorited: true } });
    expect(favorited.body.favorited).toBe(true);
    expect(favorited.body.last_modified_at).toBe(patched.body.last_modified_at);
  });

  it('soft-deletes with deleted: true (then 404) and restores with deleted: false', async () => {
    const created = (await system.api('POST', `${base}/`, { key: seed.key, body: { name: 'Doomed' } })).body;
    expect(
      (await system.api('PATCH', `${base}/${created.id}/`, { key: seed.key, body: { deleted: true } })).status,
    ).toBe(200);
    const gone = await system.api('GET', `${base}/${created.id}/`, { key: seed.key });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null });
    const restored = await system.api('PATCH', `${base}/${created.id}/`, { key: seed.key, body: { deleted: false } });
    expect(restored.status).toBe(200);
    expect(restored.body.deleted).toBe(false);
    expect((await system.api('GET', `${base}/${created.id}/`, { key: seed.key })).status).toBe(200);
  });

  it('refuses hard DELETE with 405', async () => {
    const created = (await system.api('POST', `${base}/`, { key: seed.key, body: { name: 'Keep' } })).body;
    const res = await system.api('DELETE', `${base}/${created.id}/`, { key: seed.key });
    expect(res.status).toBe(405);
    expect(res.body).toEqual({
      type: 'invalid_request',
      code: 'method_not_allowed',
      detail: 'Method "DELETE" not allowed.',
      attr: null,
    });
  });

  it('lists with count, limit/offset links, filters and the basic serializer', async () => {
    const own = await seedProject(system);
    const listBase = `/api/projects/${own.project.id}/insights/`;
    for (const name of ['alpha one', 'beta two', 'gamma three']) {
      await system.api('POST', listBase, { key: own.key, body: { name, favorited: name.startsWith('beta') } });
    }
    const page = await system.api('GET', `${listBase}?limit=2`, { key: own.key });
    expect(page.status).toBe(200);
    expect(page.body.count).toBe(3);
    expect(page.body.results).toHaveLength(2);
    expect(page.body.previous).toBeNull();
    expect(page.body.next).toBe(`${system.baseUrl}${listBase}?limit=2&offset=2`);
    const second = await system.api('GET', `${listBase}?limit=2&offset=2`, { key: own.key });
    expect(second.body.results).toHaveLength(1);
    expect(second.body.next).toBeNull();
    const search = await system.api('GET', `${listBase}?search=BETA`, { key: own.key });
    expect(search.body.results.map((r: any) => r.name)).toEqual(['beta two']);
    expect(search.body.results[0].search_match_type).toBe('exact');
    const favorited = await system.api('GET', `${listBase}?favorited=true`, { key: own.key });
    expect(favorited.body.results.map((r: any) => r.name)).toEqual(['beta two']);
    const shortId = page.body.results[0].short_id;
    const byShort = await system.api('GET', `${listBase}?short_id=${shortId}`, { key: own.key });
    expect(byShort.body.results.map((r: any) => r.short_id)).toEqual([shortId]);
    const byCreator = await system.api('GET', `${listBase}?created_by=${own.user.id}`, { key: own.key });
    expect(byCreator.body.count).toBe(3);
    const basic = await system.api('GET', `${listBase}?basic=true`, { key: own.key });
    expect(Object.keys(basic.body.results[0]).sort()).toEqual(
      [
        'id',
        'short_id',
        'name',
        'derived_name',
        'filters',
        'query',
        'dashboards',
        'dashboard_tiles',
        'description',
        'last_refresh',
        'refreshing',
        'saved',
        'tags',
        'updated_at',
        'created_by',
        'created_at',
        'last_modified_at',
        'favorited',
        'user_access_level',
        'last_viewed_at',
      ].sort(),
    );
  });

  it('renders a list as CSV with flattened columns', async () => {
    const own = await seedProject(system);
    await system.api('POST', `/api/projects/${own.project.id}/insights/`, {
      key: own.key,
      body: { name: 'csv, quoted', tags: ['x'] },
    });
    const res = await system.api('GET', `/api/projects/${own.project.id}/insights/?format=csv`, { key: own.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, row] = res.text.split('\r\n');
    expect(header).toContain('results.0.name');
    expect(header).toContain('results.0.tags.0');
    expect(header).toContain('results.0.created_by.email');
    expect(row).toContain('"csv, quoted"');
  });

  it('renders CSV when the Accept header or a .csv suffix asks for it, as DRF negotiates', async () => {
    const own = await seedProject(system);
    const insights = `/api/projects/${own.project.id}/insights`;
    const created = (
      await system.api('POST', `${insights}/`, { key: own.key, body: { name: 'negotiated', tags: ['n'] } })
    ).body;
    await system.api('POST', `${insights}/viewed/`, { key: own.key, body: { insight_ids: [created.id] } });
    const asCsv = async (path: string, headers: Record<string, string> = {}) => {
      const res = await system.api('GET', path, { key: own.key, headers });
      expect(res.status, `${path} ${res.text}`).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/csv');
      return res.text.split('\r\n');
    };
    expect((await asCsv(`${insights}/`, { accept: 'text/csv' }))[0]).toContain('results.0.name');
    expect((await asCsv(`${insights}/${created.id}/`, { accept: 'text/csv' }))[1]).toContain('negotiated');
    expect((await asCsv(`${insights}.csv`))[0]).toContain('results.0.name');
    expect((await asCsv(`${insights}/${created.id}.csv`))[1]).toContain('negotiated');
    expect((await asCsv(`/api/environments/${own.project.id}/insights/${created.id}.csv/`))[1]).toContain('negotiated');
    const lastViewed = await eventually(
      () => asCsv(`${insights}/my_last_viewed.csv`),
      (lines) => lines.filter(Boolean).length === 2,
    );
    expect(lastViewed[1]).toContain('negotiated');
    // JSON still wins a tie, and is what a client asking for anything gets.
    const json = await system.api('GET', `${insights}/${created.id}/`, {
      key: own.key,
      headers: { accept: 'text/csv, application/json' },
    });
    expect(json.headers.get('content-type')).toContain('application/json');
    expect(json.body.name).toBe('negotiated');
    expect((await system.api('GET', `${insights}/${created.id}.json`, { key: own.key })).body.name).toBe('negotiated');
  });

  it('answers 406 in JSON when no renderer satisfies the Accept header, before authentication', async () => {
    for (const request of [{ headers: { accept: 'application/xml' } }, { headers: { accept: 'application/json' } }]) {
      const path = request.headers.accept === 'application/json' ? `${base}/?format=csv` : `${base}/`;
      const res = await system.api('GET', path, request);
      expect(res.status).toBe(406);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.body).toEqual({
        type: 'invalid_request',
        code: 'not_acceptable',
        detail: 'Could not satisfy the request Accept header.',
        attr: null,
      });
    }
  });

  it('answers an unknown format with 404 before authentication', async () => {
    const res = await system.api('GET', `${base}/?format=xml`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it('rejects an invalid query node with 400 parse_error and other bad fields with validation_error and attr', async () => {
    const badQuery = await system.api('POST', `${base}/`, {
      key: seed.key,
      body: { name: 'x', query: { kind: 'TrendsQuery' } },
    });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body).toMatchObject({ type: 'invalid_request', code: 'parse_error', attr: null });
    const badName = await system.api('POST', `${base}/`, { key: seed.key, body: { name: 'x'.repeat(401) } });
    expect(badName.status).toBe(400);
    expect(badName.body).toEqual({
      type: 'validation_error',
      code: 'max_length',
      detail: 'Ensure this field has no more than 400 characters.',
      attr: 'name',
    });
    const badTag = await system.api('POST', `${base}/`, { key: seed.key, body: { tags: ['ok', 5] } });
    expect(badTag.status).toBe(400);
    expect(badTag.body.attr).toBe('tags__1');
  });

  it('answers malformed JSON with 400 parse_error and a form body with 415', async () => {
    const malformed = await system.api('POST', `${base}/`, { key: seed.key, rawBody: '{"name":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ type: 'invalid_request', code: 'parse_error', attr: null });
    const form = await system.api('POST', `${base}/`, {
      key: seed.key,
      rawBody: 'name=x',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ type: 'invalid_request', code: 'unsupported_media_type' });
  });

  it('answers 404 for an unknown insight id or short_id', async () => {
    for (const id of ['999999', 'nosuchid']) {
      const res = await system.api('GET', `${base}/${id}/`, { key: seed.key });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null });
    }
  });
});
