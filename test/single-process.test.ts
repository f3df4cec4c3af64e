import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT } from './support/system.js';

const execFileAsync = promisify(execFile);
let child: ChildProcess | undefined;
const workDir = mkdtempSync(join(tmpdir(), 'insights-single-'));
// As root, embedded PostgreSQL runs as the postgres user, which must be able to reach the data folder.
chmodSync(workDir, 0o755);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
  rmSync(workDir, { recursive: true, force: true });
});

describe('pnpm start with neither DATABASE_URL nor NATS_URL', () => {
  it('runs everything in one process on an embedded PostgreSQL: create, retrieve, my_last_viewed, activity', async () => {
    const port = await freePort();
    const pgPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_POSTGRES_PORT: String(pgPort),
    };
    delete env.DATABASE_URL;
    delete env.NATS_URL;
    delete env.PRINCIPAL_SECRET;
    const output: string[] = [];
    child = spawn(process.execPath, [join(REPO_ROOT, 'apps', 'gateway', 'dist', 'start-system.js')], {
      cwd: workDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    let ready = false;
    while (!ready && Date.now() < deadline && child.exitCode === null) {
      ready = await fetch(`${base}/_ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready, output.join('')).toBe(true);

    const adminEnv = { ...process.env, DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres` };
    const admin = async (...args: string[]) =>
      JSON.parse(
        (
          await execFileAsync(process.execPath, [join(REPO_ROOT, 'apps', 'admin', 'dist', 'main.js'), ...args], {
            env: adminEnv,
          })
        ).stdout,
      );
    const project = await admin('project', 'create', '--name', 'Solo');
    const user = await admin(
      'user',
      'create',
      '--email',
      'solo@example.com',
      '--project',
      String(project.id),
      '--level',
      'editor',
    );
    const { key } = await admin(
      'key',
      'create',
      '--user',
      String(user.id),
      '--scopes',
      'insight:write,activity_log:read',
    );
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const created = await fetch(`${base}/api/projects/${project.id}/insights/`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'solo', tags: ['one'] }),
    });
    expect(created.status).toBe(201);
    const insight = (await created.json()) as { id: number; short_id: string };
    const fetched = await fetch(`${base}/api/projects/${project.id}/insights/${insight.short_id}/`, { headers });
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toMatchObject({ id: insight.id, name: 'solo', tags: ['one'] });

    // Answers passed on as JSON text through the in-process calls: views → insights, and activity's own page.
    const insights = `${base}/api/projects/${project.id}/insights`;
    await expect
      .poll(async () => (await (await fetch(`${insights}/my_last_viewed/`, { headers })).json()) as { id: number }[], {
        timeout: 10_000,
      })
      .toMatchObject([{ id: insight.id, name: 'solo', user_access_level: null }]);
    await expect
      .poll(async () => (await (await fetch(`${insights}/activity/?limit=1`, { headers })).json()) as object, {
        timeout: 10_000,
      })
      .toMatchObject({ results: [{ activity: 'created', item_id: String(insight.id) }], next: null, total_count: 1 });
  }, 150_000);
});
