import { randomBytes } from 'node:crypto';
import { createServiceClients } from '@insights/clients';
import { createDb, migrateToLatest } from '@insights/db';
import { createTestDatabase } from '@insights/db/testing';
import { createLogger } from '@insights/transport';
import type { Kysely } from 'kysely';
import { AUTH_SCHEMA, type GatewayDatabase } from '../db/database.js';
import { gatewayMigrations } from '../db/migrations/index.js';
import { publicUrlPolicy } from '../public-url.js';
import { readinessProbe } from '../readiness.js';
import { buildGateway } from '../server.js';

/**
 * Test support, never part of the build: the real gateway on a throwaway database and the real NATS server, under a
 * prefix no service serves (every service call is "unavailable"). Enough for what the edge decides by itself.
 */
export async function startGatewayWithoutServices(options: { publicUrl?: string; allowedHosts?: string[] } = {}) {
  const database = await createTestDatabase();
  const db = createDb<GatewayDatabase>({ connectionString: database.url });
  await migrateToLatest(db as Kysely<any>, AUTH_SCHEMA, gatewayMigrations);
  const clients = await createServiceClients({
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    prefix: `nobody_${randomBytes(4).toString('hex')}`,
    timeoutMs: 1_000,
  });
  const lines: string[] = [];
  const log = createLogger('gateway-test', 'info', { write: (line: string) => lines.push(line) });
  const app = buildGateway({
    db,
    clients,
    queryClients: clients,
    principalSecret: randomBytes(16).toString('hex'),
    authCacheTtlMs: 1_000,
    urls: publicUrlPolicy({ ...options, listenHost: '127.0.0.1', port: 8000 }),
    trustProxy: false,
    log,
    readiness: readinessProbe({ db, natsConnected: clients.connection.isConnected, clients }),
    coalescer: null,
    throttle: null,
    gatherMetrics: async () => [],
    ingest: async () => {
      throw new Error('no ingestion in this test gateway');
    },
  });
  await app.ready();
  return {
    app,
    db,
    lines,
    async stop() {
      await app.close().catch(() => undefined);
      await clients.close();
      await db.destroy();
      await database.drop();
    },
  };
}
