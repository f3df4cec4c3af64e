import { createServiceClients } from '@insights/clients';
import { createDb, migrateToLatest } from '@insights/db';
import { connectNats, createLogger, stopOnSignals } from '@insights/transport';
import { AUTH_SCHEMA, type GatewayDatabase } from './db/database.js';
import { gatewayMigrations } from './db/migrations/index.js';
import { readGatewayEnv } from './env.js';
import { readinessProbe } from './readiness.js';
import { buildGateway } from './server.js';

const env = readGatewayEnv();
const log = createLogger('gateway', env.logLevel);
const db = createDb<GatewayDatabase>({ connectionString: env.databaseUrl, applicationName: 'gateway' });
await migrateToLatest(db, AUTH_SCHEMA, gatewayMigrations);
const connection = await connectNats({ url: env.natsUrl, name: 'gateway', credsFile: env.natsCreds, log });
const clients = await createServiceClients({ connection, prefix: env.natsPrefix, timeoutMs: env.rpcTimeoutMs });
const app = buildGateway({
  db,
  clients,
  principalSecret: env.principalSecret,
  authCacheTtlMs: env.authCacheTtlMs,
  publicUrl: env.publicUrl,
  trustProxy: env.trustProxy,
  log,
  readiness: readinessProbe(db, connection.isConnected),
});
await app.listen({ port: env.port, host: env.host });
stopOnSignals(async () => {
  await app.close();
  await connection.nc.drain().catch(() => undefined);
  await db.destroy();
}, log);
