import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';

export interface NatsConnectionOptions {
  url: string;
  name: string;
  credsFile?: string;
  log?: Logger;
}

export interface TrackedNatsConnection {
  nc: NatsConnection;
  /** False while the client is disconnected and reconnecting; callers fail fast instead of waiting for a timeout. */
  isConnected(): boolean;
}

/** Connects to NATS and keeps reconnecting forever; credentials come from the URL (user:pass@ or token@) or a creds file. */
export async function connectNats(options: NatsConnectionOptions): Promise<TrackedNatsConnection> {
  const url = new URL(options.url);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const server = `${url.hostname}:${url.port || '4222'}`;
  const auth = user && pass ? { user, pass } : user ? { token: user } : {};
  const authenticator = options.credsFile ? await credsAuthenticator(options.credsFile) : undefined;
  const nc = await connect({
    servers: server,
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
    // Without this nats.js captures a stack trace for every request, a measurable cost on every call.
    noAsyncTraces: true,
    ...auth,
    ...(authenticator ? { authenticator } : {}),
  });
  let connected = true;
  (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        connected = false;
        options.log?.warn({ server }, 'nats disconnected');
      } else if (status.type === 'reconnect') {
        connected = true;
        options.log?.info({ server }, 'nats reconnected');
      }
    }
  })().catch(() => undefined);
  return { nc, isConnected: () => connected && !nc.isClosed() };
}

async function credsAuthenticator(path: string) {
  const { readFile } = await import('node:fs/promises');
  const { credsAuthenticator: fromCreds } = await import('@nats-io/transport-node');
  return fromCreds(await readFile(path));
}
