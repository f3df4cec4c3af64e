import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServiceClients } from '@insights/clients';
import { createTestDatabase } from '@insights/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteSystemStreams, REPO_ROOT } from './support/system.js';

const execFileAsync = promisify(execFile);
const deployRoot = mkdtempSync(join(tmpdir(), 'insights-deploy-'));
afterAll(() => rmSync(deployRoot, { recursive: true, force: true }));

describe('pnpm deploy --prod', () => {
  it.each(['tagging', 'insights', 'views', 'activity'])(
    'gives a folder where %s runs with plain node and answers on NATS',
    async (service) => {
      const target = join(deployRoot, service);
      await execFileAsync('pnpm', ['--filter', `@insights/${service}`, 'deploy', '--prod', target], { cwd: REPO_ROOT });
      const database = await createTestDatabase();
      const prefix = `deploy${Math.random().toString(36).slice(2, 8)}`;
      const child = spawn(process.execPath, ['dist/main.js'], {
        cwd: target,
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          NATS_PREFIX: prefix,
          PRINCIPAL_SECRET: 'a-secret-of-at-least-16-chars',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const clients = await createServiceClients({
        natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
        prefix,
        timeoutMs: 2_000,
      });
      try {
        let health: unknown = null;
        for (let attempt = 0; attempt < 100 && !health; attempt++) {
          health = await clients[service as 'tagging'].health.query().catch(() => null);
          if (!health) await new Promise((r) => setTimeout(r, 200));
        }
        expect(health).toEqual({ service, database: true, parkedEvents: 0 });
      } finally {
        await clients.close();
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
        await database.drop();
        await deleteSystemStreams(process.env.NATS_URL ?? 'nats://127.0.0.1:4222', prefix).catch(() => undefined);
      }
      expect(child.exitCode).toBe(0);
    },
    60_000,
  );
});
