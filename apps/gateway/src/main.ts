import { createServiceClients } from '@insights/clients';
import { createDb, migrateToLatest } from '@insights/db';
import {
  connectNats,
  createLogger,
  initProcessMetrics,
  logUnhandledRejections,
  stopOnSignals,
} from '@insights/transport';
import { AUTH_SCHEMA, type GatewayDatabase } from './db/database.js';
import { gatewayMigrations } from './db/migrations/index.js';
import { readGatewayEnv } from './env.js';
import { publicUrlPolicy } from './public-url.js';
import { readinessProbe } from './readiness.js';
import { buildGateway } from './server.js';

const env = readGatewayEnv();
const log = createLogger('gateway', env.logLevel);
logUnhandledRejections(log);
initProcessMetrics('gateway');
const db = createDb<GatewayDatabase>({ connectionString: env.databaseUrl, applicationName: 'gateway' });
await migrateToLatest(db, AUTH_SCHEMA, gatewayMigrations);
const connection = await connectNats({ url: env.natsUrl, name: 'gateway', credsFile: env.natsCreds, log });
const clients = await createServiceClients({ connection, prefix: env.natsPrefix, timeoutMs: env.rpcTimeoutMs });
const app = buildGateway({
  db,
  clients,
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
});
await app.listen({ port: env.port, host: env.host });
stopOnSignals(async () => {
  await app.close();
  await connection.nc.drain().catch(() => undefined);
  await db.destroy();
}, log);
