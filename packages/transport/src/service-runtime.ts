import { randomUUID } from 'node:crypto';
import { createPrincipalVerifier } from '@insights/scope-auth';
import type { AnyTRPCRouter } from '@trpc/server';
import type { Logger } from 'pino';
import type { TrackedNatsConnection } from './nats-connection.js';
import { type NatsRpcServer, serveOverNats } from './rpc/nats-server.js';
import type { RpcCallMeta, RpcContext } from './rpc/rpc-context.js';

/** Builds the per-call context every service router expects. */
export function contextFactory<Deps>(options: { deps: Deps; principalSecret: string; log: Logger }) {
  const principals = createPrincipalVerifier(options.principalSecret);
  return (meta: RpcCallMeta): RpcContext<Deps> => ({
    principalToken: meta.principalToken,
    principals,
    requestId: meta.requestId ?? randomUUID(),
    log: options.log,
    deps: options.deps,
  });
}

export interface RunningService {
  stop(): Promise<void>;
}

/**
 * Serves a service's router over NATS and stops it gracefully on SIGTERM/SIGINT: stop taking calls, finish those in
 * flight, run the service's own cleanup (relays, consumers, pools), then drain the connection.
 */
export function serveServiceOverNats<Deps>(options: {
  service: string;
  prefix: string;
  connection: TrackedNatsConnection;
  router: AnyTRPCRouter;
  deps: Deps;
  principalSecret: string;
  log: Logger;
  onStop?: () => Promise<void>;
}): RunningService {
  const server: NatsRpcServer = serveOverNats({
    nc: options.connection.nc,
    prefix: options.prefix,
    service: options.service,
    router: options.router,
    createContext: contextFactory({ deps: options.deps, principalSecret: options.principalSecret, log: options.log }),
    log: options.log,
  });
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await server.drain();
      await options.onStop?.();
      await options.connection.nc.drain().catch(() => undefined);
      options.log.info('stopped');
    })();
    return stopping;
  };
  return { stop };
}

export function stopOnSignals(stop: () => Promise<void>, log: Logger): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      stop()
        .then(() => process.exit(0))
        .catch((err) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        });
    });
  }
}

/**
 * A safety net: a promise rejected with nobody listening is a bug to fix, not a reason to take the whole service down
 * (Node's default). It is logged loudly under a fixed message that tests look for.
 */
export function logUnhandledRejections(log: Logger): void {
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
}
