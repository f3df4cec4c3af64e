import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AdminSession, readAdminEnv } from '@insights/admin';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const execFileAsync = promisify(execFile);

/**
 * Whether a JetStream stream belongs to the system with this NATS prefix: its events and ingest streams, and the
 * streams behind its KV buckets (coalescing, throttling) and object store (event payloads).
 */
function isStreamOfPrefix(stream: string, prefix: string): boolean {
  const name = stream.toLowerCase();
  const own = prefix.toLowerCase().replace(/[^a-z0-9]/g, '_');
  const bucket = prefix.toLowerCase();
  return name.startsWith(`${own}_`) || name.startsWith(`kv_${bucket}-`) || name.startsWith(`obj_${bucket}-`);
}

/** Runs `work` with a JetStream manager on its own short-lived connection. */
async function withJetStream<T>(natsUrl: string, work: (jsm: JetStreamManager) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: natsUrl.replace(/^nats:\/\//, ''), reconnect: false, timeout: 2_000 });
  try {
    return await work(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

/** The streams a test system created: what is left behind on the shared NATS server when it stopped. */
export function streamsOfPrefix(natsUrl: string, prefix: string): Promise<string[]> {
  return withJetStream(natsUrl, async (jsm) => {
    const names: string[] = [];
    for await (const info of jsm.streams.list()) {
      if (isStreamOfPrefix(info.config.name, prefix)) names.push(info.config.name);
    }
    return names;
  });
}

/** Removes every stream a test system created, so runs leave nothing behind on the shared NATS server. */
export async function deleteSystemStreams(natsUrl: string, prefix: string): Promise<void> {
  const names = await streamsOfPrefix(natsUrl, prefix);
  if (names.length === 0) return;
  await withJetStream(natsUrl, (jsm) => Promise.all(names.map((name) => jsm.streams.delete(name).catch(() => false))));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface ApiRequest {
  key?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RunningSystem {
  baseUrl: string;
  database: TestDatabase;
  prefix: string;
  env: NodeJS.ProcessEnv;
  processes: Map<string, ChildProcess>;
  logs: string[];
  api(method: string, path: string, request?: ApiRequest): Promise<ApiResponse>;
  admin(...args: string[]): Promise<any>;
  startProcess(app: string): ChildProcess;
  /**
   * Another gateway replica on a port of its own, sharing the system's services, bus and database, with `extraEnv`
   * over the system's environment; its base URL.
   */
  startGatewayReplica(name: string, extraEnv?: NodeJS.ProcessEnv): Promise<string>;
  stopProcess(app: string): Promise<void>;
  stop(): Promise<void>;
}

export const SERVICES = ['tagging', 'insights', 'views', 'activity'] as const;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Starts the built system as separate processes on the real NATS and a throwaway PostgreSQL database, with a NATS
 * prefix of its own, exactly as production runs it.
 */
export async function startSystem(
  options: { natsUrl?: string; extraEnv?: NodeJS.ProcessEnv } = {},
): Promise<RunningSystem> {
  const database = await createTestDatabase();
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NATS_URL: options.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    NATS_PREFIX: prefix,
    PRINCIPAL_SECRET: randomBytes(24).toString('hex'),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    RPC_TIMEOUT_MS: '5000',
    ...options.extraEnv,
  };
  const logs: string[] = [];
  const processes = new Map<string, ChildProcess>();
  const baseUrl = `http://127.0.0.1:${port}`;

  const startProcess = (app: string, name = app, extra: NodeJS.ProcessEnv = {}) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'apps', app, 'dist', 'main.js')], {
      env: { ...env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
    child.stderr?.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
    processes.set(name, child);
    return child;
  };
  const startGatewayReplica = async (name: string, extraEnv: NodeJS.ProcessEnv = {}) => {
    const replicaPort = await freePort();
    startProcess('gateway', name, { ...extraEnv, PORT: String(replicaPort) });
    const url = `http://127.0.0.1:${replicaPort}`;
    await waitFor(async () => (await fetch(`${url}/_ready`)).status === 200, 30_000, `gateway replica ${name}`);
    return url;
  };
  const stopProcess = async (app: string) => {
    const child = processes.get(app);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    processes.delete(app);
  };

  // The admin commands run in this process on the system's databases: the CLI itself is tested on its own, and a
  // process per command (four to seed a project) is most of a test's time on a busy machine.
  const adminSession = new AdminSession(() => readAdminEnv(env));
  const admin = async (...args: string[]) => {
    const outcome = await adminSession.run(args);
    if ('message' in outcome) throw new Error(`admin ${args.slice(0, 2).join(' ')} failed: ${outcome.message}`);
    return outcome.result;
  };
  // Migrations first, so services do not race each other creating schemas on an empty database.
  await execFileAsync(process.execPath, [join(REPO_ROOT, 'apps', 'admin', 'dist', 'migrate-all.js')], { env });
  for (const service of SERVICES) startProcess(service);
  startProcess('gateway');

  const api = async (method: string, path: string, request: ApiRequest = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.key) headers.authorization = `Bearer ${request.key}`;
    let body: string | undefined;
    if (request.rawBody !== undefined) body = request.rawBody;
    else if (request.body !== undefined) body = JSON.stringify(request.body);
    if (body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };

  // A system that does not come up says why: its processes' last lines go with the error.
  const waitForSystem = (check: () => Promise<boolean>, what: string) =>
    waitFor(check, 30_000, what).catch((error: Error) => {
      throw new Error(`${error.message}; the processes' last lines:\n${logs.slice(-30).join('\n')}`);
    });
  await waitForSystem(async () => {
    const ready = await fetch(`${baseUrl}/_ready`);
    if (ready.status !== 200) return false;
    // Every service answers before tests start.
    const probe = await api('GET', '/api/projects/0/insights/');
    return probe.status === 401;
  }, 'the gateway to be ready');
  await waitForSystem(
    async () => logs.filter((line) => line.includes('"msg":"ready"')).length >= SERVICES.length,
    'services to be ready',
  );

  return {
    baseUrl,
    database,
    prefix,
    env,
    processes,
    logs,
    api,
    admin,
    startProcess: (app: string) => startProcess(app),
    startGatewayReplica,
    stopProcess,
    stop: async () => {
      await Promise.all([...processes.keys()].map((app) => stopProcess(app)));
      await adminSession.close();
      await database.drop();
      await deleteSystemStreams(env.NATS_URL!, prefix).catch(() => undefined);
    },
  };
}

/** An organization, a project and an editor with an all-scopes key: the usual starting point of a test. */
export async function seedProject(system: RunningSystem, options: { scopes?: string; level?: string } = {}) {
  const org = await system.admin('org', 'create', '--name', `Org ${randomBytes(3).toString('hex')}`);
  const project = await system.admin('project', 'create', '--name', 'Project', '--org', org.id);
  const user = await system.admin(
    'user',
    'create',
    '--email',
    `u${randomBytes(5).toString('hex')}@example.com`,
    '--first-name',
    'Ada',
    '--project',
    String(project.id),
    '--level',
    options.level ?? 'editor',
  );
  const key = await system.admin('key', 'create', '--user', String(user.id), '--scopes', options.scopes ?? '*');
  return { org, project, user, key: key.key as string, keyRecord: key };
}
