import type { InsightsRouter } from '@insights/insights/router';
import { ensureEventStream, natsLink, runServiceMain } from '@insights/transport';
import { createTRPCClient } from '@trpc/client';
import { startViewsConsumer } from './consumers/start-views-consumer.js';
import { VIEWS_SCHEMA } from './db/database.js';
import { viewsMigrations } from './db/migrations/index.js';
import { readViewsEnv } from './env.js';
import { createViewsService, VIEWS_SERVICE } from './service.js';

await runServiceMain({
  service: VIEWS_SERVICE,
  schema: VIEWS_SCHEMA,
  migrations: viewsMigrations,
  env: readViewsEnv(),
  build: async ({ db, connection, env, log }) => {
    const insights = createTRPCClient<InsightsRouter>({
      links: [
        natsLink({
          nc: connection.nc,
          prefix: env.natsPrefix,
          service: 'insights',
          timeoutMs: env.rpcTimeoutMs,
          isConnected: connection.isConnected,
        }),
      ],
    });
    await ensureEventStream(connection.nc, env.natsPrefix, env.eventsMaxAgeMs);
    const consumer = await startViewsConsumer({ nc: connection.nc, prefix: env.natsPrefix, db, log });
    return { ...createViewsService(db, insights), onStop: () => consumer.stop() };
  },
});
