import { createServiceClients } from '@insights/clients';
import { createDb, migrateToLatest } from '@insights/db';
import {
  connectNats,
  createLogger,
  ensureIngestStream,
  initProcessMetrics,
  logUnhandledRejections,
  stopOnSignals,
} from '@insights/transport';
import { createRequestCoalescer } from './coalescing/request-coalescer.js';
import { AUTH_SCHEMA, type GatewayDatabase } from './db/database.js';
import { gatewayMigrations } from './db/migrations/index.js';
import { readGatewayEnv } from './env.js';
import { natsIngestSink } from './ingest/nats-ingest-sink.js';
import { gatherServiceMetrics } from './metrics/service-metrics.js';
import { publicUrlPolicy } from './public-url.js';
import { readinessProbe } from './readiness.js';
import { buildGateway, closeGateway } from './server.js';
import { createLeasedRateCounter } from './throttling/leased-rate-counter.js';
import { createRequestThrottle } from './throttling/throttle-request.js';

const env = readGatewayEnv();
const log = createLogger('gateway', env.logLevel);
logUnhandledRejections(log);
initProcessMetrics('gateway');
const db = createDb<GatewayDatabase>({ connectionString: env.databaseUrl, applicationName: 'gateway' });
await migrateToLatest(db, AUTH_SCHEMA, gatewayMigrations);
const connection = await connectNats({ url: env.natsUrl, name: 'gateway', credsFile: env.natsCreds, log });
await ensureIngestStream(connection.nc, env.natsPrefix, env.eventsMaxAgeMs);
const clients = await createServiceClients({ connection, prefix: env.natsPrefix, timeoutMs: env.rpcTimeoutMs });
// Calls that may run a query wait for as long as the query may run, and a little more for its answer.
const queryClients = await createServiceClients({
  connection,
  prefix: env.natsPrefix,
  timeoutMs: env.queryTimeoutMs + 5_000,
});
const app = buildGateway({
  coalescer: env.coalescing.enabled
    ? createRequestCoalescer({
        nc: connection.nc,
        prefix: env.natsPrefix,
        log,
        heartbeatMs: env.coalescing.heartbeatMs,
        maxWaitMs: env.queryTimeoutMs + 5_000,
      })
    : null,
  throttle: createRequestThrottle({
    settings: env.throttling,
    counter: createLeasedRateCounter({ nc: connection.nc, prefix: env.natsPrefix }),
    log,
  }),
  gatherMetrics: () => gatherServiceMetrics(connection.nc, env.natsPrefix),
  db,
  clients,
  queryClients,
  principalSecret: env.principalSecret,
  authCacheTtlMs: env.authCacheTtlMs,
  urls: publicUrlPolicy({
    publicUrl: env.publicUrl,
    allowedHosts: env.allowedHosts,
    listenHost: env.host,
    port: env.port,
  }),
  trustProxy: env.trustProxy,
  log,
  readiness: readinessProbe({ db, natsConnected: connection.isConnected, clients }),
  ingest: natsIngestSink({
    nc: connection.nc,
    prefix: env.natsPrefix,
    eventsMaxAgeMs: env.eventsMaxAgeMs,
    maxBacklogBytes: env.ingestMaxBacklogBytes,
    maxWaitMs: env.rpcTimeoutMs,
  }),
});
await app.listen({ port: env.port, host: env.host });
stopOnSignals(async () => {
  await closeGateway(app);
  await connection.nc.drain().catch(() => undefined);
  await db.destroy();
}, log);
