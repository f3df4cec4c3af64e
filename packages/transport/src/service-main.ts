import { createDb, type MigrationList, migrateToLatest, startStatisticsKeeper } from '@insights/db';
import type { AnyTRPCRouter } from '@trpc/server';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createLogger } from './logger.js';
import { initProcessMetrics } from './metrics/registry.js';
import { serveMetricsOverNats } from './metrics/serve-metrics.js';
import { connectNats, type TrackedNatsConnection } from './nats-connection.js';
import type { ServiceEnv } from './service-env.js';
import { logUnhandledRejections, serveServiceOverNats, stopOnSignals } from './service-runtime.js';

export interface ServiceParts<Deps> {
  router: AnyTRPCRouter;
  deps: Deps;
  onStop?: () => Promise<void>;
}

/**
 * The `main` of every service: migrate its schema, connect to NATS, serve its router, stop cleanly on SIGTERM.
 * `build` wires what is specific to the service (clients of other services, relays, consumers).
 */
export async function runServiceMain<Deps, Env extends ServiceEnv = ServiceEnv>(options: {
  service: string;
  schema: string;
  migrations: MigrationList;
  env: Env;
  build: (parts: {
    db: Kysely<any>;
    connection: TrackedNatsConnection;
    env: Env;
    log: Logger;
  }) => Promise<ServiceParts<Deps>>;
}): Promise<{ stop(): Promise<void> }> {
  const log = createLogger(options.service, options.env.logLevel);
  logUnhandledRejections(log);
  initProcessMetrics(options.service);
  const db = createDb<any>({ connectionString: options.env.databaseUrl, applicationName: options.service });
  const applied = await migrateToLatest(db, options.schema, options.migrations);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  const statistics = startStatisticsKeeper({
    db,
    schema: options.schema,
    onError: (error) => log.warn({ err: error }, 'could not refresh the planner statistics'),
  });
  const connection = await connectNats({
    url: options.env.natsUrl,
    name: options.service,
    credsFile: options.env.natsCreds,
    log,
  });
  const parts = await options.build({ db, connection, env: options.env, log });
  serveMetricsOverNats(connection.nc, options.env.natsPrefix, log);
  const running = serveServiceOverNats({
    service: options.service,
    prefix: options.env.natsPrefix,
    connection,
    router: parts.router,
    deps: parts.deps,
    principalSecret: options.env.principalSecret,
    log,
    onStop: async () => {
      await parts.onStop?.();
      await statistics.stop();
      await db.destroy();
    },
  });
  stopOnSignals(running.stop, log);
  log.info({ prefix: options.env.natsPrefix }, 'ready');
  return running;
}
