import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let base: string;
let bulk: string;

beforeAll(async () => {
  system = await startSystem();
  seed = await seedProject(system);
  base = `/api/projects/${seed.project.id}/insights/`;
  bulk = `${base}bulk_update_tags/`;
}, 90_000);
afterAll(async () => system?.stop());

async function createInsight(body: Record<string, unknown>, key = seed.key, projectBase = base) {
  const res = await system.api('POST', projectBase, { key, body });
  expect(res.status).toBe(201);
  return res.body as { id: number; short_id: string; tags: string[] };
}

async function tagsOf(id: number, key = seed.key, projectBase = base) {
  return (await system.api('GET', `${projectBase}${id}/`, { key })).body.tags as string[];
}

describe('POST insights/bulk_update_tags/', () => {
  it('adds tags to every insight and answers each one with its full sorted tags', async () => {
    const a = await createInsight({ name: 'a', tags: ['existing'] });
    const b = await createInsight({ name: 'b' });
    const res = await system.api('POST', bulk, {
      key: seed.key,
      body: { ids: [a.id, b.id], action: 'add', tags: ['New-Insight-Tag'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      updated: [
        { id: a.id, tags: ['existing', 'new-insight-tag'] },
        { id: b.id, tags: ['new-insight-tag'] },
      ],
      skipped: [],
    });
    expect(await tagsOf(a.id)).toEqual(['existing', 'new-insight-tag']);
  });

  it('normalises tags: trimmed, lowercased, deduplicated', async () => {
    const a = await createInsight({ name: 'norm' });
    const res = await system.api('POST', bulk, {
      key: seed.key,
      body: { ids: [a.id], action: 'set', tags: ['  UPPER  ', 'Mixed Case', 'Tag', 'tag', 'TAG'] },
    });
    expect(res.body.updated).toEqual([{ id: a.id, tags: ['mixed case', 'tag', 'upper'] }]);
  });

  it('removes tags (absent ones are a no-op) and set with [] clears', async () => {
    const a = await createInsight({ name: 'rm', tags: ['x', 'y'] });
    const removed = await system.api('POST', bulk, {
      key: seed.key,
      body: { ids: [a.id], action: 'remove', tags: ['x', 'never-there'] },
    });
    expect(removed.body.updated).toEqual([{ id: a.id, tags: ['y'] }]);
    const cleared = await system.api('POST', bulk, { key: seed.key, body: { ids: [a.id], action: 'set', tags: [] } });
    expect(cleared.body.updated).toEqual([{ id: a.id, tags: [] }]);
    expect(await tagsOf(a.id)).toEqual([]);
  });

  it('skips unknown, deleted and other projects’ insights with one reason, untouched', async () => {
    const live = await createInsight({ name: 'live' });
    const deleted = await createInsight({ name: 'deleted', tags: ['keep'] });
    await system.api('PATCH', `${base}${deleted.id}/`, { key: seed.key, body: { deleted: true } });
    const other = await seedProject(system);
    const otherBase = `/api/projects/${other.project.id}/insights/`;
    const foreign = await createInsight({ name: 'foreign', tags: ['theirs'] }, other.key, otherBase);
    const res = await system.api('POST', bulk, {
      key: seed.key,
      body: { ids: [live.id, deleted.id, foreign.id, 99999999], action: 'add', tags: ['t'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.updated).toEqual([{ id: live.id, tags: ['t'] }]);
    expect(res.body.skipped).toEqual([
      { id: deleted.id, reason: 'Not found or no edit access' },
      { id: foreign.id, reason: 'Not found or no edit access' },
      { id: 99999999, reason: 'Not found or no edit access' },
    ]);
    expect(await tagsOf(foreign.id, other.key, otherBase)).toEqual(['theirs']);
    await system.api('PATCH', `${base}${deleted.id}/`, { key: seed.key, body: { deleted: false } });
    expect(await tagsOf(deleted.id)).toEqual(['keep']);
  });

  it('skips insights the user cannot edit (per-insight viewer override)', async () => {
    const a = await createInsight({ name: 'guarded', tags: ['g'] });
    const member = await system.admin(
      'user',
      'create',
      '--email',
      `m${Date.now()}@example.com`,
      '--project',
      String(seed.project.id),
      '--level',
      'editor',
    );
    const key = (await system.admin('key', 'create', '--user', String(member.id), '--scopes', 'insight:write')).key;
    await system.admin('access', 'set', '--insight', String(a.id), '--user', String(member.id), '--level', 'viewer');
    const res = await system.api('POST', bulk, { key, body: { ids: [a.id], action: 'add', tags: ['nope'] } });
    expect(res.body).toEqual({ updated: [], skipped: [{ id: a.id, reason: 'Not found or no edit access' }] });
    expect(await tagsOf(a.id)).toEqual(['g']);
  });

  it('refuses a project viewer without any editor override, and lets one with an override tag that insight only', async () => {
    const shared = await createInsight({ name: 'shared with a viewer' });
    const notShared = await createInsight({ name: 'not shared', tags: ['keep'] });
    const viewer = await system.admin(
      'user',
      'create',
      '--email',
      `bv${Date.now()}@example.com`,
      '--project',
      String(seed.project.id),
      '--level',
      'viewer',
    );
    const key = (await system.admin('key', 'create', '--user', String(viewer.id), '--scopes', 'insight:write')).key;
    const refused = await system.api('POST', bulk, { key, body: { ids: [shared.id], action: 'add', tags: ['x'] } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('You do not have editor access to this resource.');
    await system.admin(
      'access',
      'set',
      '--insight',
      String(shared.id),
      '--user',
      String(viewer.id),
      '--level',
      'editor',
    );
    const allowed = await system.api('POST', bulk, {
      key,
      body: { ids: [shared.id, notShared.id], action: 'add', tags: ['x'] },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({
      updated: [{ id: shared.id, tags: ['x'] }],
      skipped: [{ id: notShared.id, reason: 'Not found or no edit access' }],
    });
    expect(await tagsOf(notShared.id)).toEqual(['keep']);
  });

  it('needs insight:write and editor level', async () => {
    const readKey = (await system.admin('key', 'create', '--user', String(seed.user.id), '--scopes', 'insight:read'))
      .key;
    const res = await system.api('POST', bulk, { key: readKey, body: { ids: [1], action: 'add', tags: ['x'] } });
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe("API key missing required scope 'insight:write'");
  });

  it.each([
    ['missing ids', { action: 'add', tags: ['x'] }, 'ids', 'required', 'This field is required.'],
    ['empty ids', { ids: [], action: 'add', tags: ['x'] }, 'ids', 'empty', 'This list may not be empty.'],
    [
      'non-integer id',
      { ids: ['abc'], action: 'add', tags: ['x'] },
      'ids__0',
      'invalid_input',
      'A valid integer is required.',
    ],
    [
      '501 ids',
      { ids: Array.from({ length: 501 }, (_, i) => i + 1), action: 'add', tags: ['x'] },
      'ids',
      'max_length',
      'Ensure this field has no more than 500 elements.',
    ],
    ['null action', { ids: [1], action: null, tags: ['x'] }, 'action', 'null', 'This field may not be null.'],
    [
      'unknown action',
      { ids: [1], action: 'upsert', tags: ['x'] },
      'action',
      'invalid_choice',
      '"upsert" is not a valid choice.',
    ],
    ['blank action', { ids: [1], action: '', tags: ['x'] }, 'action', 'invalid_choice', '"" is not a valid choice.'],
    [
      'tags not a list',
      { ids: [1], action: 'add', tags: 'not-a-list' },
      'tags',
      'not_a_list',
      'Expected a list of items but got type "str".',
    ],
    [
      'empty tags for add',
      { ids: [1], action: 'add', tags: [] },
      'tags',
      'invalid_input',
      "tags must not be empty for action 'add'.",
    ],
    [
      'empty tags for remove',
      { ids: [1], action: 'remove', tags: [] },
      'tags',
      'invalid_input',
      "tags must not be empty for action 'remove'.",
    ],
    [
      '101 tags',
      { ids: [1], action: 'add', tags: Array.from({ length: 101 }, (_, i) => `t${i}`) },
      'tags',
      'max_length',
      'Ensure this field has no more than 100 elements.',
    ],
    [
      '256-char tag',
      { ids: [1], action: 'add', tags: ['x'.repeat(256)] },
      'tags__0',
      'max_length',
      'Ensure this field has no more than 255 characters.',
    ],
    [
      '10,500 changes',
      {
        ids: Array.from({ length: 500 }, (_, i) => i + 1),
        action: 'add',
        tags: Array.from({ length: 21 }, (_, i) => `t${i}`),
      },
      'tags',
      'invalid_input',
      'Too many changes in one request: ids × distinct tags must not exceed 10000.',
    ],
  ])('rejects invalid body #%# (%s)', async (_label, body, attr, code, detail) => {
    const res = await system.api('POST', bulk, { key: seed.key, body });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ type: 'validation_error', code, detail, attr });
  });

  it('accepts 500 ids × 20 tags (exactly 10,000 changes)', async () => {
    const a = await createInsight({ name: 'max' });
    const ids = [a.id, ...Array.from({ length: 499 }, (_, i) => 90_000_000 + i)];
    const tags = Array.from({ length: 20 }, (_, i) => `bulk-${i}`);
    const res = await system.api('POST', bulk, { key: seed.key, body: { ids, action: 'add', tags } });
    expect(res.status).toBe(200);
    expect(res.body.updated).toEqual([{ id: a.id, tags: [...tags].sort() }]);
    expect(res.body.skipped).toHaveLength(499);
  });
});
