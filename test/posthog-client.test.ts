import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let base: string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const CLIENT_HEADERS = {
  'User-Agent': 'posthog-cli/1.2.3',
  'X-PostHog-Client': 'posthog-cli',
  'X-PostHog-Session-Id': 'abc',
};

beforeAll(async () => {
  // A short key cache, so the last_used_at test sees keys looked up again.
  system = await startSystem({ extraEnv: { AUTH_CACHE_TTL_MS: '200' } });
  seed = await seedProject(system);
  base = `/api/projects/${seed.project.id}/insights/`;
}, 90_000);
afterAll(async () => system?.stop());

const get = (path: string) => system.api('GET', path, { key: seed.key, headers: CLIENT_HEADERS });

/** What PostHog's CLI and MCP server do before every insight call; each answer checked field by field. */
async function clientPreamble() {
  const me = await get('/api/users/@me/');
  expect(me.status).toBe(200);
  expect(Object.keys(me.body).sort()).toEqual(
    [
      'id',
      'uuid',
      'distinct_id',
      'email',
      'first_name',
      'last_name',
      'is_email_verified',
      'team',
      'organization',
      'organizations',
    ].sort(),
  );
  expect(me.body).toMatchObject({
    id: seed.user.id,
    email: seed.user.email,
    first_name: 'Ada',
    last_name: '',
    is_email_verified: false,
  });
  expect(me.body.uuid).toMatch(UUID);
  expect(me.body.team).toEqual({
    id: seed.project.id,
    uuid: expect.stringMatching(UUID),
    name: 'Project',
    organization: seed.org.id,
    api_token: seed.project.api_token,
    timezone: 'UTC',
  });
  expect(me.body.organization).toEqual({
    id: seed.org.id,
    name: seed.org.name,
    slug: expect.any(String),
    created_at: expect.stringMatching(ISO),
    membership_level: 1,
  });
  expect(me.body.organizations).toEqual([{ id: seed.org.id, name: seed.org.name, slug: me.body.organization.slug }]);

  const key = await get('/api/personal_api_keys/@current');
  expect(key.status).toBe(200);
  expect(key.body).toEqual({
    id: seed.keyRecord.id,
    label: expect.any(String),
    mask_value: seed.keyRecord.mask_value,
    scopes: ['*'],
    scoped_teams: null,
    scoped_organizations: null,
    created_at: expect.stringMatching(ISO),
    last_used_at: expect.stringMatching(ISO),
  });
  expect(key.text).not.toContain(seed.key);

  const organization = await get(`/api/organizations/${seed.org.id}/`);
  expect(organization.body).toEqual({
    id: seed.org.id,
    name: seed.org.name,
    slug: me.body.organization.slug,
    created_at: expect.stringMatching(ISO),
    membership_level: 1,
    is_ai_data_processing_approved: false,
  });

  const project = await get(`/api/projects/${seed.project.id}/`);
  expect(project.body).toEqual({
    id: seed.project.id,
    uuid: me.body.team.uuid,
    name: 'Project',
    organization: seed.org.id,
    api_token: seed.project.api_token,
    timezone: 'UTC',
    created_at: expect.stringMatching(ISO),
  });
}

function expectFullInsight(insight: any) {
  expect(Object.keys(insight).sort()).toEqual(
    [
      'id',
      'short_id',
      'name',
      'derived_name',
      'filters',
      'query',
      'order',
      'deleted',
      'dashboards',
      'dashboard_tiles',
      'last_refresh',
      'description',
      'tags',
      'favorited',
      'saved',
      'created_at',
      'created_by',
      'updated_at',
      'last_modified_at',
      'last_modified_by',
      'is_sample',
      'effective_restriction_level',
      'effective_privilege_level',
      'user_access_level',
      'timezone',
      'result',
      'hasMore',
      'columns',
      'types',
      'is_cached',
      'cache_target_age',
      'next_allowed_client_refresh',
      'query_status',
      'resolved_date_range',
      'filters_hash',
      'refreshing',
      'alerts',
    ].sort(),
  );
  expect(insight.short_id).toMatch(/^[A-Za-z0-9]{8}$/);
  for (const field of ['created_at', 'updated_at', 'last_modified_at']) expect(insight[field]).toMatch(ISO);
  expect(Object.keys(insight.created_by).sort()).toEqual(
    [
      'id',
      'uuid',
      'distinct_id',
      'first_name',
      'last_name',
      'email',
      'is_email_verified',
      'hedgehog_config',
      'role_at_organization',
    ].sort(),
  );
}

describe("a PostHog client's whole sequence", () => {
  it('lists insights with every filter the clients send', async () => {
    await clientPreamble();
    const a = (
      await system.api('POST', base, {
        key: seed.key,
        body: { name: 'Revenue weekly', tags: ['finance', 'kpi'], favorited: true },
      })
    ).body;
    const b = (
      await system.api('POST', base, { key: seed.key, body: { name: 'Signups daily', tags: ['growth'], saved: false } })
    ).body;
    const names = async (query: string) => (await get(`${base}?${query}`)).body.results.map((r: any) => r.name).sort();
    expect(await names('search=revenue')).toEqual(['Revenue weekly']);
    expect(await names('favorited=true')).toEqual(['Revenue weekly']);
    expect(await names(`short_id=${b.short_id}`)).toEqual(['Signups daily']);
    expect(await names(`created_by=${seed.user.id}&limit=100`)).toEqual(
      expect.arrayContaining(['Revenue weekly', 'Signups daily']),
    );
    expect(await names(`tags=${encodeURIComponent('["growth","finance"]')}`)).toEqual([
      'Revenue weekly',
      'Signups daily',
    ]);
    expect(await names(`tags=${encodeURIComponent('["KPI"]')}`)).toEqual(['Revenue weekly']);
    expect(await names('saved=false')).toEqual(['Signups daily']);
    expect(await names(`saved=true&tags=${encodeURIComponent('["finance"]')}&unknown_param=1`)).toEqual([
      'Revenue weekly',
    ]);
    const page = await get(`${base}?limit=1&offset=0&basic=true`);
    expect(page.body.results).toHaveLength(1);
    expect(page.body.next).toContain('offset=1');
    const bad = await get(`${base}?tags=not-json`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ type: 'validation_error', attr: 'tags' });
    expect(a.id).not.toBe(b.id);
  });

  it('gets one insight', async () => {
    await clientPreamble();
    const created = (await system.api('POST', base, { key: seed.key, body: { name: 'One' } })).body;
    const res = await get(`${base}${created.id}/`);
    expect(res.status).toBe(200);
    expectFullInsight(res.body);
    expect(res.body).toMatchObject({
      id: created.id,
      name: 'One',
      deleted: false,
      user_access_level: 'editor',
      // Nothing computed yet, and a plain read never computes (force_cache): no result, no timezone (spec §9).
      result: null,
      is_cached: false,
      timezone: null,
    });
  });

  it('creates, updates and soft-deletes an insight', async () => {
    await clientPreamble();
    const created = await system.api('POST', base, {
      key: seed.key,
      headers: CLIENT_HEADERS,
      body: { name: 'Made by CLI', tags: ['cli'] },
    });
    expect(created.status).toBe(201);
    expectFullInsight(created.body);
    await clientPreamble();
    const updated = await system.api('PATCH', `${base}${created.body.id}/`, {
      key: seed.key,
      headers: CLIENT_HEADERS,
      body: { description: 'edited' },
    });
    expect(updated.status).toBe(200);
    expectFullInsight(updated.body);
    expect(updated.body.description).toBe('edited');
    await clientPreamble();
    const deleted = await system.api('PATCH', `${base}${created.body.id}/`, {
      key: seed.key,
      headers: CLIENT_HEADERS,
      body: { deleted: true },
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toBe(true);
    expect((await get(`${base}${created.body.id}/`)).status).toBe(404);
  });

  it('reads the project-wide activity with paging and the per-insight activity, with the client recorded', async () => {
    await clientPreamble();
    const created = (
      await system.api('POST', base, { key: seed.key, headers: CLIENT_HEADERS, body: { name: 'Tracked' } })
    ).body;
    await system.api('PATCH', `${base}${created.id}/`, {
      key: seed.key,
      headers: CLIENT_HEADERS,
      body: { name: 'Tracked 2' },
    });
    const one = await eventually(
      () => get(`${base}${created.id}/activity/`),
      (r) => r.body.total_count >= 2,
    );
    expect(one.body.results.map((e: any) => e.activity)).toEqual(['updated', 'created']);
    for (const entry of one.body.results) {
      expect(Object.keys(entry).sort()).toEqual(
        ['activity', 'client', 'created_at', 'detail', 'id', 'item_id', 'scope', 'user'].sort(),
      );
      expect(entry.id).toMatch(UUID);
      expect(entry.created_at).toMatch(ISO);
      expect(entry.client).toBe('posthog-cli');
      expect(entry.user).toEqual({ first_name: 'Ada', email: seed.user.email });
    }
    await clientPreamble();
    const first = await get(`${base}activity/?limit=1`);
    expect(first.body.results).toHaveLength(1);
    expect(first.body.next).toBe(`${system.baseUrl}${base}activity/?limit=1&page=2`);
    const second = await get(`${base}activity/?limit=1&page=2`);
    expect(second.body.previous).toBe(`${system.baseUrl}${base}activity/?limit=1&page=1`);
  });

  it('reads trending', async () => {
    await clientPreamble();
    const created = (await system.api('POST', base, { key: seed.key, body: { name: 'Hot' } })).body;
    await system.api('POST', `${base}viewed/`, { key: seed.key, body: { insight_ids: [created.id] } });
    const res = await get(`${base}trending/?days=7&limit=5`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['count', 'next', 'previous', 'results']);
    const item = res.body.results.find((r: any) => r.id === created.id);
    expect(item).toMatchObject({
      view_count: 1,
      viewers: [expect.objectContaining({ id: seed.user.id })],
      last_modified_by: expect.objectContaining({ id: seed.user.id }),
    });
    expect(item.last_viewed_at).toMatch(ISO);
  });
});

describe('identity endpoints refuse keys and users without access', () => {
  it('refuses a key restricted to another project or organization with PostHog’s messages', async () => {
    const other = await seedProject(system);
    const toOther = (
      await system.admin(
        'key',
        'create',
        '--user',
        String(seed.user.id),
        '--scopes',
        '*',
        '--projects',
        String(other.project.id),
      )
    ).key;
    const project = await system.api('GET', `/api/projects/${seed.project.id}/`, { key: toOther });
    expect(project.status).toBe(403);
    expect(project.body).toEqual({
      type: 'authentication_error',
      code: 'permission_denied',
      detail: `API key does not have access to the requested project: ID ${seed.project.id}.`,
      attr: null,
    });
    const toOtherOrg = (
      await system.admin('key', 'create', '--user', String(seed.user.id), '--scopes', '*', '--orgs', other.org.id)
    ).key;
    const organization = await system.api('GET', `/api/organizations/${seed.org.id}/`, { key: toOtherOrg });
    expect(organization.status).toBe(403);
    expect(organization.body.detail).toBe(
      `API key does not have access to the requested organization: ID ${seed.org.id}.`,
    );
    const listed = await system.api('GET', '/api/projects/', { key: toOther });
    expect(listed.body.results.map((p: any) => p.id)).toEqual([]);
  });

  it("answers 403 for a project the user is not a member of, 404 for one that does not exist or another's organization", async () => {
    const other = await seedProject(system);
    const notMember = await system.api('GET', `/api/projects/${other.project.id}/`, { key: seed.key });
    expect(notMember.status).toBe(403);
    expect(notMember.body.detail).toBe("You don't have access to the project.");
    expect((await system.api('GET', '/api/projects/999999/', { key: seed.key })).status).toBe(404);
    expect((await system.api('GET', `/api/organizations/${other.org.id}/`, { key: seed.key })).status).toBe(404);
    expect((await system.api('GET', '/api/users/@me/')).status).toBe(401);
  });

  it('lists the projects the key may see, paginated', async () => {
    const second = await system.admin('project', 'create', '--name', 'Second', '--org', seed.org.id);
    await system.admin(
      'member',
      'add',
      '--project',
      String(second.id),
      '--user',
      String(seed.user.id),
      '--level',
      'viewer',
    );
    const res = await system.api('GET', '/api/projects/?limit=1', { key: seed.key });
    expect(res.body.count).toBe(2);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.next).toContain('offset=1');
    const all = await system.api('GET', '/api/projects/', { key: seed.key });
    expect(all.body.results.map((p: any) => p.id)).toEqual([seed.project.id, second.id]);
  });
});

describe('personal API key last_used_at', () => {
  it('is set on first use and written at most once an hour, not on every request', async () => {
    const fresh = (await system.admin('key', 'create', '--user', String(seed.user.id), '--scopes', '*')).key;
    const first = await system.api('GET', '/api/personal_api_keys/@current/', { key: fresh });
    expect(first.body.last_used_at).toMatch(ISO);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await system.api('GET', base, { key: fresh });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const later = await system.api('GET', '/api/personal_api_keys/@current/', { key: fresh });
    expect(later.body.last_used_at).toBe(first.body.last_used_at);
  });
});

describe('the OpenAPI document', () => {
  it("uses PostHog's operation ids for every route and formats uuid and date-time", async () => {
    const doc = (await system.api('GET', '/api/schema/')).body;
    const ids = Object.values(doc.paths).flatMap((item: any) => Object.values(item).map((op: any) => op.operationId));
    expect(ids).toEqual(
      expect.arrayContaining([
        'insights_list',
        'insights_create',
        'insights_retrieve',
        'insights_update',
        'insights_partial_update',
        'insights_activity_retrieve',
        'insights_all_activity_retrieve',
        'insights_bulk_update_tags_create',
        'insights_my_last_viewed_retrieve',
        'insights_trending_retrieve',
        'insights_viewed_create',
      ]),
    );
    expect(doc.components.schemas.UserBasic.properties.uuid.format).toBe('uuid');
    expect(doc.components.schemas.Insight.properties.created_at.format).toBe('date-time');
  });
});
