import { randomBytes, randomUUID } from 'node:crypto';
import { createDb, createPool, migrateToLatest } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { createInsightsService, INSIGHTS_SCHEMA, insightsMigrations } from '@insights/insights';
import type { InsightsRouter } from '@insights/insights/router';
import type { AccessLevel } from '@insights/scope-auth';
import { signPrincipal } from '@insights/scope-auth';
import {
  connectNats,
  createJetStreamPublisher,
  createLogger,
  definedConsumerOptions,
  type EventPublisher,
  ensureEventStream,
  eventStreamName,
  natsLink,
  type RpcCallMeta,
  serveServiceOverNats,
  startDurableConsumer,
  startOutboxRelay,
  type TrackedNatsConnection,
} from '@insights/transport';
import { createTRPCClient, type TRPCClient } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { type Kysely, sql } from 'kysely';
import { viewsConsumer } from '../consumers/insight-state.js';
import { VIEWS_SCHEMA, type ViewsDatabase } from '../db/database.js';
import { viewsMigrations } from '../db/migrations/index.js';
import type { ViewerProfile } from '../model/user-profile.js';
import type { ViewsRouter } from '../router.js';
import { createViewsService, VIEWS_SERVICE } from '../service.js';

/**
 * Test support, never part of the build: the services views works with, each served over the real NATS server on
 * a NATS prefix of its own, with a throwaway database, wired the way each service's main.ts wires it.
 */

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const RPC_TIMEOUT_MS = 10_000;
const log = createLogger('views-test', 'silent');

let nextUserId = 1_000;

/** A user as the gateway would put it in a principal. */
export function testUser(name = 'viewer'): ViewerProfile {
  const id = nextUserId++;
  return {
    id,
    uuid: randomUUID(),
    distinct_id: `distinct-${id}`,
    first_name: name,
    last_name: `Tester${id}`,
    email: `${name.toLowerCase()}-${id}@example.com`,
    is_email_verified: false,
  };
}

/** A throwaway database with the views schema migrated, for tests of the SQL alone. */
export async function startViewsDatabase(
  migrations: [string, Parameters<typeof migrateToLatest>[2]][] = [],
): Promise<{ database: TestDatabase; db: Kysely<ViewsDatabase>; stop(): Promise<void> }> {
  const database = await createTestDatabase();
  const db = createDb<ViewsDatabase>({ connectionString: database.url, applicationName: 'views-test' });
  for (const [schema, list] of [...migrations, [VIEWS_SCHEMA, viewsMigrations] as const]) {
    await migrateToLatest(db, schema, list);
  }
  return {
    database,
    db,
    async stop() {
      await db.destroy();
      await database.drop();
    },
  };
}

/** A NATS connection and an events stream of a prefix of its own, deleted by `stop()`. */
export async function startTestEventStream(name: string) {
  const prefix = `views_test_${randomBytes(4).toString('hex')}`;
  const connection = await connectNats({ url: NATS_URL, name });
  await ensureEventStream(connection.nc, prefix);
  const publish: EventPublisher = createJetStreamPublisher({ nc: connection.nc, prefix });
  return {
    prefix,
    connection,
    publish,
    async stop() {
      // The JetStream API itself, so the test needs no JetStream client of its own.
      await connection.nc.request(`$JS.API.STREAM.DELETE.${eventStreamName(prefix)}`).catch(() => undefined);
      await connection.nc.close();
    },
  };
}

export interface ViewsSystem {
  db: Kysely<ViewsDatabase>;
  insightsDb: Kysely<any>;
  prefix: string;
  insights: TRPCClient<InsightsRouter>;
  views: TRPCClient<ViewsRouter>;
  /** Call options carrying a signed principal of `user` in `projectId` with `level` and the given scopes. */
  as(
    user: ViewerProfile,
    projectId: number,
    options?: { level?: AccessLevel; scopes?: string[] },
  ): { context: RpcCallMeta };
  /** Resolves once views handled every event the insights service has written so far. */
  eventsHandled(): Promise<void>;
  stop(): Promise<void>;
}

/** insights (with its outbox relay to JetStream) and views (with its consumer), each on its own connection. */
export async function startViewsSystem(): Promise<ViewsSystem> {
  const { database, db, stop: stopDatabase } = await startViewsDatabase([[INSIGHTS_SCHEMA, insightsMigrations]]);
  const prefix = `views_test_${randomBytes(4).toString('hex')}`;
  const principalSecret = randomBytes(32).toString('hex');
  const connections: TrackedNatsConnection[] = [];
  const connect = async (name: string) => {
    const connection = await connectNats({ url: NATS_URL, name });
    connections.push(connection);
    return connection;
  };
  const clientOf = <Router extends AnyTRPCRouter>(connection: TrackedNatsConnection, service: string) =>
    createTRPCClient<Router>({
      links: [
        natsLink({
          nc: connection.nc,
          prefix,
          service,
          timeoutMs: RPC_TIMEOUT_MS,
          isConnected: connection.isConnected,
        }),
      ],
    });

  const callers = await connect('views-test-callers');
  await ensureEventStream(callers.nc, prefix);

  const insightsConnection = await connect('insights');
  const queryPool = createPool({ connectionString: database.url, maxConnections: 1 });
  const relay = await startOutboxRelay({
    db,
    databaseUrl: database.url,
    schema: INSIGHTS_SCHEMA,
    publish: createJetStreamPublisher({ nc: insightsConnection.nc, prefix }),
    log,
  });
  const insightsService = serveServiceOverNats({
    service: 'insights',
    prefix,
    connection: insightsConnection,
    ...createInsightsService(db, { queryPool }),
    principalSecret,
    log,
    onStop: async () => {
      await relay.stop();
      await queryPool.end();
    },
  });

  const viewsConnection = await connect('views');
  const consumer = await startDurableConsumer({
    nc: viewsConnection.nc,
    prefix,
    db,
    log,
    ...definedConsumerOptions(viewsConsumer, prefix),
  });
  const viewsService = serveServiceOverNats({
    service: VIEWS_SERVICE,
    prefix,
    connection: viewsConnection,
    ...createViewsService(db, clientOf<InsightsRouter>(viewsConnection, 'insights')),
    principalSecret,
    log,
    onStop: () => consumer.stop(),
  });
  // The services' subscriptions reach the server asynchronously; a call on another connection before they did would
  // find no responder. A flush round trip on each connection makes sure the server has them.
  await Promise.all([insightsConnection.nc.flush(), viewsConnection.nc.flush()]);

  return {
    db,
    insightsDb: db,
    prefix,
    insights: clientOf<InsightsRouter>(callers, 'insights'),
    views: clientOf<ViewsRouter>(callers, 'views'),
    as(user, projectId, options = {}) {
      const principalToken = signPrincipal(
        {
          user,
          projectId,
          organizationId: null,
          projectLevel: options.level ?? 'editor',
          scopes: options.scopes ?? ['*'],
          client: null,
        },
        principalSecret,
        10 * 60_000,
      );
      return { context: { principalToken } };
    },
    async eventsHandled() {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const { rows } = await sql<{ pending: number }>`
          SELECT count(*)::int AS pending FROM insights.outbox AS outbox
          WHERE NOT EXISTS (SELECT 1 FROM views.processed_event AS processed WHERE processed.id = outbox.id)`.execute(
          db,
        );
        if (rows[0]?.pending === 0) return;
        if (Date.now() > deadline) throw new Error(`views did not handle ${rows[0]?.pending} events within 10s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      await viewsService.stop();
      await insightsService.stop();
      await callers.nc.request(`$JS.API.STREAM.DELETE.${eventStreamName(prefix)}`).catch(() => undefined);
      for (const connection of connections) await connection.nc.close().catch(() => undefined);
      await stopDatabase();
    },
  };
}
