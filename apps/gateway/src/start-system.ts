import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/**
 * `pnpm start`. With NATS_URL and DATABASE_URL set, every service runs as its own process on NATS (the production
 * shape). Otherwise everything runs in this one process (single-process mode), on an embedded PostgreSQL when
 * DATABASE_URL is not set.
 */
if (process.env.NATS_URL && process.env.DATABASE_URL) {
  const secret = process.env.PRINCIPAL_SECRET ?? randomBytes(32).toString('hex');
  const env = { ...process.env, PRINCIPAL_SECRET: secret };
  const entry = (app: string) => fileURLToPath(new URL(`../../${app}/dist/main.js`, import.meta.url));
  const children = ['tagging', 'insights', 'views', 'activity', 'gateway'].map((app) =>
    spawn(process.execPath, [entry(app)], { env, stdio: 'inherit' }),
  );
  const stopAll = () => {
    for (const child of children) child.kill('SIGTERM');
  };
  process.once('SIGTERM', stopAll);
  process.once('SIGINT', stopAll);
  for (const child of children) child.once('exit', (code) => code && code !== 0 && stopAll());
} else {
  const { startSingleProcess } = await import('./single-process.js');
  await startSingleProcess();
}
