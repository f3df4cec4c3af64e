import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let list: string;

beforeAll(async () => {
  system = await startSystem();
  seed = await seedProject(system);
  list = `/api/projects/${seed.project.id}/insights/`;
}, 90_000);
afterAll(async () => system?.stop());

async function keyFor(scopes: string, extra: string[] = [], level = 'editor') {
  const user = await system.admin(
    'user',
    'create',
    '--email',
    `k${Math.random().toString(36).slice(2)}@example.com`,
    '--project',
    String(seed.project.id),
    '--level',
    level,
  );
  return {
    user,
    key: (await system.admin('key', 'create', '--user', String(user.id), '--scopes', scopes, ...extra)).key as string,
  };
}

describe('authentication and permissions', () => {
  it('answers 401 not_authenticated without a key, with WWW-Authenticate', async () => {
    const res = await system.api('GET', list);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body).toEqual({
      type: 'authentication_error',
      code: 'not_authenticated',
      detail: 'Authentication credentials were not provided.',
      attr: null,
    });
  });

  it('answers 401 authentication_failed for a bad key, naming where it was found', async () => {
    const bad = `phx_${'x'.repeat(43)}`;
    const header = await system.api('GET', list, { key: bad });
    expect(header.status).toBe(401);
    expect(header.body).toEqual({
      type: 'authentication_error',
      code: 'authentication_failed',
      detail: 'Personal API key found in request Authorization header is invalid.',
      attr: null,
    });
    const query = await system.api('GET', `${list}?personal_api_key=${bad}`);
    expect(query.body.detail).toBe('Personal API key found in request query string is invalid.');
    const body = await system.api('POST', list, { body: { personal_api_key: bad, name: 'x' } });
    expect(body.body.detail).toBe('Personal API key found in request body is invalid.');
  });

  it('accepts the key in the header, the JSON body or the query string', async () => {
    expect((await system.api('GET', list, { key: seed.key })).status).toBe(200);
    expect((await system.api('GET', `${list}?personal_api_key=${seed.key}`)).status).toBe(200);
    const created = await system.api('POST', list, { body: { personal_api_key: seed.key, name: 'via body' } });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('via body');
  });

  it('refuses a key without the needed scope and lets write imply read', async () => {
    const readOnly = await keyFor('insight:read');
    const denied = await system.api('POST', list, { key: readOnly.key, body: { name: 'x' } });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      type: 'authentication_error',
      code: 'permission_denied',
      detail: "API key missing required scope 'insight:write'",
      attr: null,
    });
    const writeOnly = await keyFor('insight:write');
    expect((await system.api('GET', list, { key: writeOnly.key })).status).toBe(200);
    const otherScope = await keyFor('activity_log:read');
    const noRead = await system.api('GET', list, { key: otherScope.key });
    expect(noRead.body.detail).toBe("API key missing required scope 'insight:read'");
  });

  it('lets * do everything', async () => {
    const star = await keyFor('*');
    expect((await system.api('POST', list, { key: star.key, body: { name: 'star' } })).status).toBe(201);
  });

  it('refuses a key restricted to another project or organization', async () => {
    const other = await system.admin('project', 'create', '--name', 'Other');
    const toProject = await keyFor('*', ['--projects', String(other.id)]);
    const res = await system.api('GET', list, { key: toProject.key });
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe(`API key does not have access to the requested project: ID ${seed.project.id}.`);
    const toOrg = await keyFor('*', ['--orgs', other.organization_id]);
    const orgRes = await system.api('GET', list, { key: toOrg.key });
    expect(orgRes.status).toBe(403);
    expect(orgRes.body.detail).toBe(`API key does not have access to the requested organization: ID ${seed.org.id}.`);
  });

  it('refuses a user who is not a member of the project', async () => {
    const outsider = await system.admin('user', 'create', '--email', `out${Date.now()}@example.com`);
    const key = (await system.admin('key', 'create', '--user', String(outsider.id), '--scopes', '*')).key;
    const res = await system.api('GET', list, { key });
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe("You don't have access to the project.");
  });

  it('lets a viewer read but not write', async () => {
    const viewer = await keyFor('*', [], 'viewer');
    expect((await system.api('GET', list, { key: viewer.key })).status).toBe(200);
    const res = await system.api('POST', list, { key: viewer.key, body: { name: 'nope' } });
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe('You do not have editor access to this resource.');
  });

  it('lets a project viewer edit an insight an editor override grants, and only that one', async () => {
    const granted = (await system.api('POST', list, { key: seed.key, body: { name: 'shared for editing' } })).body;
    const other = (await system.api('POST', list, { key: seed.key, body: { name: 'not shared' } })).body;
    const viewer = await keyFor('*', [], 'viewer');
    await system.admin(
      'access',
      'set',
      '--insight',
      String(granted.id),
      '--user',
      String(viewer.user.id),
      '--level',
      'editor',
    );
    const allowed = await system.api('PATCH', `${list}${granted.id}/`, {
      key: viewer.key,
      body: { name: 'edited by viewer' },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body.user_access_level).toBe('editor');
    const refused = await system.api('PATCH', `${list}${other.id}/`, { key: viewer.key, body: { name: 'nope' } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('You do not have editor access to this resource.');
  });

  it('honours a per-insight none override: 403 on retrieve, absent from the list', async () => {
    const created = (await system.api('POST', list, { key: seed.key, body: { name: 'secret' } })).body;
    const member = await keyFor('*');
    await system.admin(
      'access',
      'set',
      '--insight',
      String(created.id),
      '--user',
      String(member.user.id),
      '--level',
      'none',
    );
    const res = await system.api('GET', `${list}${created.id}/`, { key: member.key });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      type: 'authentication_error',
      code: 'permission_denied',
      detail: 'You do not have viewer access to this resource.',
      attr: null,
    });
    const listed = await system.api('GET', `${list}?limit=1000`, { key: member.key });
    expect(listed.body.results.map((r: any) => r.id)).not.toContain(created.id);
    const patch = await system.api('PATCH', `${list}${created.id}/`, { key: member.key, body: { name: 'x' } });
    expect(patch.status).toBe(403);
  });
});

describe('isolation between projects', () => {
  it("never shows or changes project B's insights through project A's paths", async () => {
    const b = await seedProject(system);
    const secret = (
      await system.api('POST', `/api/projects/${b.project.id}/insights/`, { key: b.key, body: { name: 'B only' } })
    ).body;
    for (const id of [String(secret.id), secret.short_id]) {
      expect((await system.api('GET', `${list}${id}/`, { key: seed.key })).status).toBe(404);
      expect((await system.api('PATCH', `${list}${id}/`, { key: seed.key, body: { name: 'hijack' } })).status).toBe(
        404,
      );
    }
    const listed = await system.api('GET', `${list}?limit=1000&short_id=${secret.short_id}`, { key: seed.key });
    expect(listed.body.count).toBe(0);
    // A's key cannot reach B's project path either: not a member.
    expect((await system.api('GET', `/api/projects/${b.project.id}/insights/`, { key: seed.key })).status).toBe(403);
    const after = await system.api('GET', `/api/projects/${b.project.id}/insights/${secret.id}/`, { key: b.key });
    expect(after.body.name).toBe('B only');
  });
});
