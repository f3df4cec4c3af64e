import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@insights/transport';
import { superviseChildren } from './supervisor/supervise-children.js';

/**
 * `pnpm start`. With NATS_URL and DATABASE_URL set, every service runs as its own process on NATS (the production
 * shape), supervised: a child that dies is restarted. Otherwise everything runs in this one process (single-process
 * mode), on an embedded PostgreSQL when DATABASE_URL is not set.
 */
if (process.env.NATS_URL && process.env.DATABASE_URL) {
  const secret = process.env.PRINCIPAL_SECRET ?? randomBytes(32).toString('hex');
  const entry = (app: string) => fileURLToPath(new URL(`../../${app}/dist/main.js`, import.meta.url));
  const supervisor = superviseChildren({
    children: ['tagging', 'insights', 'views', 'activity', 'gateway'].map((app) => ({
      name: app,
      command: process.execPath,
      args: [entry(app)],
    })),
    env: { ...process.env, PRINCIPAL_SECRET: secret },
    log: createLogger('supervisor', process.env.LOG_LEVEL ?? 'info'),
  });
  const stop = () => void supervisor.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  const { startSingleProcess } = await import('./single-process.js');
  await startSingleProcess();
}
