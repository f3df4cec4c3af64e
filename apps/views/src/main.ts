import type { InsightsRouter } from '@insights/insights/router';
import {
  createRpcClient,
  ensureEventStream,
  natsSender,
  runServiceMain,
  startServiceConsumer,
} from '@insights/transport';
import { viewsConsumer } from './consumers/insight-state.js';
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
    const insights = createRpcClient<InsightsRouter>(
      natsSender({
        nc: connection.nc,
        prefix: env.natsPrefix,
        service: 'insights',
        timeoutMs: env.rpcTimeoutMs,
        isConnected: connection.isConnected,
      }),
    );
    await ensureEventStream(connection.nc, env.natsPrefix, env.eventsMaxAgeMs);
    const consumer = await startServiceConsumer(viewsConsumer, { nc: connection.nc, db, env, log });
    return { ...createViewsService(db, insights), onStop: () => consumer.stop() };
  },
});
