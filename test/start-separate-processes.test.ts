import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnedPids } from './support/child-pids.js';
import { deleteSystemStreams, freePort, REPO_ROOT } from './support/system.js';

const execFileAsync = promisify(execFile);
let child: ChildProcess | undefined;
let database: TestDatabase | undefined;
const prefix = `start${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
  await database?.drop();
  await deleteSystemStreams(process.env.NATS_URL ?? 'nats://127.0.0.1:4222', prefix).catch(() => undefined);
});

describe('pnpm start with DATABASE_URL and NATS_URL set', () => {
  it('runs every service as its own process on NATS, restarts one that dies, and stops them all on SIGTERM', async () => {
    database = await createTestDatabase();
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      NATS_PREFIX: prefix,
      PORT: String(port),
      HOST: '127.0.0.1',
    };
    delete env.PRINCIPAL_SECRET;
    const output: string[] = [];
    child = spawn(process.execPath, [join(REPO_ROOT, 'apps', 'gateway', 'dist', 'start-system.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      ready = await fetch(`${base}/_ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready, output.join('')).toBe(true);
    const services = new Set(
      output
        .join('')
        .match(/"name":"(tagging|insights|views|activity)"[^\n]*"msg":"ready"/g)
        ?.map((l) => l.slice(8, l.indexOf('"', 8))),
    );
    expect([...services].sort()).toEqual(['activity', 'insights', 'tagging', 'views']);
    // No framework warns about a deprecated option or an overridden handler while the system starts.
    expect(output.join('')).not.toMatch(/DeprecationWarning|FastifyWarning|FastifyDeprecation|FSTDEP\d|FSTWRN\d/);

    const admin = async (...args: string[]) =>
      JSON.parse(
        (await execFileAsync(process.execPath, [join(REPO_ROOT, 'apps', 'admin', 'dist', 'main.js'), ...args], { env }))
          .stdout,
      );
    const project = await admin('project', 'create', '--name', 'Spread');
    const user = await admin(
      'user',
      'create',
      '--email',
      'spread@example.com',
      '--project',
      String(project.id),
      '--level',
      'editor',
    );
    const { key } = await admin('key', 'create', '--user', String(user.id), '--scopes', '*');
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const created = await fetch(`${base}/api/projects/${project.id}/insights/`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'spread' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect((await fetch(`${base}/api/projects/${project.id}/insights/${id}/`, { headers })).status).toBe(200);

    // A child that dies is restarted by the parent, and the system answers again.
    const viewsEntry = join(REPO_ROOT, 'apps', 'views', 'dist', 'main.js');
    const [viewsPid] = await spawnedPids(child.pid!, viewsEntry);
    expect(viewsPid).toBeDefined();
    process.kill(viewsPid!, 'SIGKILL');
    const restartDeadline = Date.now() + 30_000;
    let restarted: number[] = [];
    while (Date.now() < restartDeadline) {
      restarted = (await spawnedPids(child.pid!, viewsEntry)).filter((pid) => pid !== viewsPid);
      if (restarted.length === 1 && (await fetch(`${base}/_ready`)).status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(restarted).toHaveLength(1);
    expect(output.join('')).toMatch(/"child":"views","code":null,"signal":"SIGKILL"[^\n]*restarting it/);
    const viewed = await fetch(`${base}/api/projects/${project.id}/insights/viewed/`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ insight_ids: [id] }),
    });
    expect(viewed.status).toBe(201);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).not.toBeNull();
    await expect(fetch(`${base}/_health`)).rejects.toThrow();
  }, 120_000);
});
