import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDb, migrateToLatest } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { INSIGHTS_SCHEMA, insightsMigrations } from '@insights/insights';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// `tsx` is a dependency of the `test` workspace only: resolve it from there, as `node --import tsx` would from it.
const TSX_LOADER = pathToFileURL(createRequire(`${REPO_ROOT}test/package.json`).resolve('tsx')).href;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROJECT_API_TOKEN = /^phc_[A-Za-z0-9_-]{43}$/;
const PERSONAL_API_KEY = /^phx_[A-Za-z0-9_-]{43}$/;

interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

let database: TestDatabase;
let db: Kysely<any>;

function runScript(script: string, args: readonly string[], url = database.url): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
  for (const service of ['GATEWAY', 'INSIGHTS', 'TAGGING', 'VIEWS', 'ACTIVITY']) delete env[`${service}_DATABASE_URL`];
  const child = spawn(
    process.execPath,
    ['--import', TSX_LOADER, '--conditions=@insights/source', `apps/admin/src/${script}`, ...args],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

const admin = (...args: string[]) => runScript('main.ts', args);

/** Runs a command that must succeed, and returns the one JSON object it printed. */
async function adminJson(...args: string[]): Promise<Record<string, any>> {
  const run = await admin(...args);
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

/** Runs a command that must fail: a one-line message on stderr, nothing on stdout. */
async function adminFailure(...args: string[]): Promise<{ exitCode: number | null; message: string }> {
  const run = await admin(...args);
  expect(run.stdout).toBe('');
  expect(run.exitCode).not.toBe(0);
  const message = run.stderr.trimEnd();
  expect(message).not.toBe('');
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/\bat .*:\d+:\d+/);
  return { exitCode: run.exitCode, message };
}

async function newProject(name: string): Promise<number> {
  return (await adminJson('project', 'create', '--name', name)).id;
}

async function newUser(): Promise<number> {
  return (await adminJson('user', 'create', '--email', `${randomUUID()}@example.com`)).id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb<any>({ connectionString: database.url, maxConnections: 2 });
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

describe('admin CLI', { timeout: 90_000 }, () => {
  it('org create prints the organization, with --ai-approved setting the AI flag', async () => {
    const plain = await adminJson('org', 'create', '--name', 'Acme, Inc.');
    expect(plain).toEqual({
      id: expect.stringMatching(UUID),
      name: 'Acme, Inc.',
      is_ai_data_processing_approved: false,
    });

    const approved = await adminJson('org', 'create', '--name', 'Acme, Inc.', '--ai-approved');
    expect(approved).toEqual({
      id: expect.stringMatching(UUID),
      name: 'Acme, Inc.',
      is_ai_data_processing_approved: true,
    });

    const slugs = await db
      .selectFrom('auth.organization')
      .select('slug')
      .where('id', 'in', [plain.id, approved.id])
      .execute();
    expect(new Set(slugs.map((row) => row.slug)).size).toBe(2);
    expect(slugs.map((row) => row.slug)).toContain('acme-inc');
  });

  it('project create without --org creates an organization named after the project', async () => {
    const project = await adminJson('project', 'create', '--name', 'Web app');
    expect(project).toEqual({
      id: expect.any(Number),
      name: 'Web app',
      organization_id: expect.stringMatching(UUID),
      api_token: expect.stringMatching(PROJECT_API_TOKEN),
    });
    expect(Number.isInteger(project.id)).toBe(true);
    const organization = await db
      .selectFrom('auth.organization')
      .select('name')
      .where('id', '=', project.organization_id)
      .executeTakeFirst();
    expect(organization).toEqual({ name: 'Web app' });
  });

  it('project create --org puts the project in that organization', async () => {
    const organization = await adminJson('org', 'create', '--name', 'Globex');
    const project = await adminJson('project', 'create', '--name', 'Mobile', '--org', organization.id);
    expect(project).toMatchObject({ name: 'Mobile', organization_id: organization.id });
  });

  it('user create prints the user and, with --project and --level, adds the membership', async () => {
    const projectId = await newProject('Members');
    const user = await adminJson(
      'user',
      'create',
      '--email',
      'ada@example.com',
      '--first-name',
      'Ada',
      '--last-name',
      'Lovelace',
      '--project',
      String(projectId),
      '--level',
      'editor',
    );
    expect(user).toEqual({
      id: expect.any(Number),
      uuid: expect.stringMatching(UUID),
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      distinct_id: expect.any(String),
    });
    expect(user.distinct_id).not.toBe(user.uuid);
    const memberships = await db
      .selectFrom('auth.membership')
      .select(['project_id', 'level'])
      .where('user_id', '=', user.id)
      .execute();
    expect(memberships).toEqual([{ project_id: projectId, level: 'editor' }]);
  });

  it('user create without names leaves them empty', async () => {
    const user = await adminJson('user', 'create', '--email', 'bare@example.com');
    expect(user).toMatchObject({ email: 'bare@example.com', first_name: '', last_name: '' });
  });

  it('member add makes a user a member, and changes the level of an existing member', async () => {
    const projectId = await newProject('Levels');
    const userId = await newUser();
    const args = ['member', 'add', '--project', String(projectId), '--user', String(userId), '--level'];
    expect(await adminJson(...args, 'viewer')).toEqual({ project_id: projectId, user_id: userId, level: 'viewer' });
    expect(await adminJson(...args, 'manager')).toEqual({ project_id: projectId, user_id: userId, level: 'manager' });
    const rows = await db.selectFrom('auth.membership').select('level').where('user_id', '=', userId).execute();
    expect(rows).toEqual([{ level: 'manager' }]);
  });

  it('org → project → user with membership → key: the key is shown once and stored only as hash and mask', async () => {
    const organization = await adminJson('org', 'create', '--name', 'Flow Org');
    const project = await adminJson('project', 'create', '--name', 'Flow', '--org', organization.id);
    const user = await adminJson(
      'user',
      'create',
      '--email',
      'flow@example.com',
      '--project',
      String(project.id),
      '--level',
      'manager',
    );
    const created = await adminJson('key', 'create', '--user', String(user.id), '--scopes', '*', '--label', 'ci');
    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      key: expect.stringMatching(PERSONAL_API_KEY),
      mask_value: `phx_...${created.key.slice(-4)}`,
      scopes: ['*'],
      scoped_teams: null,
      scoped_organizations: null,
    });

    const stored = await db
      .selectFrom('auth.personal_api_key as k')
      .select(['k.user_id', 'k.label', 'k.secure_value', 'k.mask_value', sql<string>`row_to_json(k)::text`.as('row')])
      .where('k.id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ user_id: user.id, label: 'ci', mask_value: created.mask_value });
    expect(stored.secure_value).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(stored.row).not.toContain(created.key);
    expect(stored.row).not.toContain(created.key.slice(4));
  });

  it('key create with --projects and --orgs restricts the key to them', async () => {
    const organization = await adminJson('org', 'create', '--name', 'Scoped');
    const first = await adminJson('project', 'create', '--name', 'One', '--org', organization.id);
    const second = await adminJson('project', 'create', '--name', 'Two', '--org', organization.id);
    const userId = await newUser();
    const created = await adminJson(
      'key',
      'create',
      '--user',
      String(userId),
      '--scopes',
      'insight:read,activity_log:read',
      '--projects',
      `${first.id},${second.id}`,
      '--orgs',
      organization.id,
    );
    expect(created).toMatchObject({
      scopes: ['insight:read', 'activity_log:read'],
      scoped_teams: [first.id, second.id],
      scoped_organizations: [organization.id],
    });
  });

  it('key create rejects a scope that is not "<object>:read", "<object>:write" or "*"', async () => {
    const userId = await newUser();
    const { exitCode, message } = await adminFailure(
      'key',
      'create',
      '--user',
      String(userId),
      '--scopes',
      'insight:admin',
    );
    expect(exitCode).toBe(2);
    expect(message).toContain('insight:admin');
    expect(await db.selectFrom('auth.personal_api_key').select('id').where('user_id', '=', userId).execute()).toEqual(
      [],
    );
  });

  it('a level that does not exist is refused with a message and nothing on stdout', async () => {
    const projectId = await newProject('Bad level');
    const userId = await newUser();
    const failure = await adminFailure(
      'member',
      'add',
      '--project',
      String(projectId),
      '--user',
      String(userId),
      '--level',
      'owner',
    );
    expect([1, 2]).toContain(failure.exitCode);
    expect(failure.message).toContain('--level');
  });

  it('an unknown user is refused with exit status 1', async () => {
    const projectId = await newProject('Unknown user');
    const added = await adminFailure(
      'member',
      'add',
      '--project',
      String(projectId),
      '--user',
      '999999',
      '--level',
      'viewer',
    );
    expect(added).toEqual({ exitCode: 1, message: 'user 999999 does not exist' });
    const key = await adminFailure('key', 'create', '--user', '999999', '--scopes', '*');
    expect(key).toEqual({ exitCode: 1, message: 'user 999999 does not exist' });
  });

  it('an unknown project or organization is refused with exit status 1', async () => {
    const userId = await newUser();
    const organizationId = randomUUID();
    const [member, project, user] = await Promise.all([
      adminFailure('member', 'add', '--project', '999999', '--user', String(userId), '--level', 'viewer'),
      adminFailure('project', 'create', '--name', 'Orphan', '--org', organizationId),
      adminFailure('user', 'create', '--email', 'nowhere@example.com', '--project', '999999', '--level', 'viewer'),
    ]);
    expect(member).toEqual({ exitCode: 1, message: 'project 999999 does not exist' });
    expect(project).toEqual({ exitCode: 1, message: `organization ${organizationId} does not exist` });
    expect(user).toEqual({ exitCode: 1, message: 'project 999999 does not exist' });
    const created = await db.selectFrom('auth.user').select('id').where('email', '=', 'nowhere@example.com').execute();
    expect(created).toEqual([]);
  });

  it('access set on an unknown insight is refused with exit status 1', async () => {
    const userId = await newUser();
    const failure = await adminFailure(
      'access',
      'set',
      '--insight',
      '999999',
      '--user',
      String(userId),
      '--level',
      'viewer',
    );
    expect(failure.exitCode).toBe(1);
    expect(failure.message).toContain('999999');
  });

  it('access set prints the per-insight override, and replaces it when set again', async () => {
    const projectId = await newProject('Access');
    const userId = await newUser();
    // The admin CLI creates no insights (the REST API does); one row stands in for an insight made through it.
    await migrateToLatest(db, INSIGHTS_SCHEMA, insightsMigrations);
    const insight = await db
      .insertInto('insights.insight')
      .values({ project_id: projectId, short_id: 'AbCdEf12' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const args = ['access', 'set', '--insight', String(insight.id), '--user', String(userId), '--level'];
    expect(await adminJson(...args, 'none')).toEqual({ insight_id: insight.id, user_id: userId, level: 'none' });
    expect(await adminJson(...args, 'editor')).toEqual({ insight_id: insight.id, user_id: userId, level: 'editor' });
  });

  it('access set for an unknown user is refused with exit status 1', async () => {
    const failure = await adminFailure('access', 'set', '--insight', '1', '--user', '999999', '--level', 'viewer');
    expect(failure).toEqual({ exitCode: 1, message: 'user 999999 does not exist' });
  });

  it('events generate and events replay check their options before touching anything', async () => {
    const failures = await Promise.all([
      adminFailure('events', 'generate', '--project', '1'),
      adminFailure('events', 'generate', '--project', '1', '--count', '0'),
      adminFailure('events', 'generate', '--project', '1', '--count', '10', '--days', 'many'),
      adminFailure('events', 'generate', '--project', '1', '--count', '10', '--until', '2026-01-01 00:00'),
      adminFailure('events', 'replay'),
      adminFailure('events', 'replay', '--id', 'x', '--all'),
    ]);
    expect(failures).toEqual([
      { exitCode: 2, message: '--count is required' },
      { exitCode: 2, message: '--count must be a positive integer (got "0")' },
      { exitCode: 2, message: '--days must be a positive integer (got "many")' },
      {
        exitCode: 2,
        message: '--until must be an ISO 8601 instant such as 2026-01-01T00:00:00Z (got "2026-01-01 00:00")',
      },
      { exitCode: 2, message: 'give either --id ID or --all' },
      { exitCode: 2, message: 'give either --id ID or --all' },
    ]);
  });

  it('project set changes a project’s query settings, and refuses an unknown timezone', async () => {
    const project = await adminJson('project', 'create', '--name', 'Settings');
    expect(
      await adminJson(
        'project',
        'set',
        '--id',
        String(project.id),
        '--timezone',
        'Europe/Paris',
        '--week-start-day',
        '1',
      ),
    ).toEqual({
      id: project.id,
      name: 'Settings',
      timezone: 'Europe/Paris',
      week_start_day: 1,
      test_account_filters: [],
    });
    expect(await adminFailure('project', 'set', '--id', String(project.id), '--timezone', 'Mars/Olympus')).toEqual({
      exitCode: 2,
      message: 'unknown timezone "Mars/Olympus"',
    });
  });

  it('an unknown command or option is a usage error', async () => {
    const failures = await Promise.all([
      adminFailure('org', 'delete', '--name', 'x'),
      adminFailure('org', 'create', '--name', 'x', '--colour', 'red'),
      adminFailure('org', 'create'),
    ]);
    expect(failures.map((failure) => failure.exitCode)).toEqual([2, 2, 2]);
  });

  it('migrate-all applies every service schema once and reports what it applied', async () => {
    const fresh = await createTestDatabase();
    try {
      const first = await runScript('migrate-all.ts', [], fresh.url);
      expect(first.stderr).toBe('');
      expect(first.exitCode).toBe(0);
      const { applied } = JSON.parse(first.stdout);
      expect(Object.keys(applied).sort()).toEqual(['activity', 'auth', 'insights', 'tagging', 'views']);
      expect(applied.auth).toEqual(['0001_auth', '0002_project_query_settings']);
      expect(applied.insights.at(-1)).toBe('0007_drop_running_query');
      const db = createDb<any>({ connectionString: fresh.url, maxConnections: 1 });
      try {
        const { rows } = await sql<{ table: string | null }>`
          SELECT to_regclass('insights.running_query')::text AS table`.execute(db);
        expect(rows).toEqual([{ table: null }]);
      } finally {
        await db.destroy();
      }

      const second = await runScript('migrate-all.ts', [], fresh.url);
      expect(second.exitCode).toBe(0);
      expect(Object.values(JSON.parse(second.stdout).applied).flat()).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });
});
