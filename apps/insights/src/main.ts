import type { TaggingRouter } from '@insights/tagging/router';
import {
  createJetStreamPublisher,
  ensureEventStream,
  natsLink,
  runServiceMain,
  startOutboxRelay,
} from '@insights/transport';
import { createTRPCClient } from '@trpc/client';
import { INSIGHTS_SCHEMA } from './db/database.js';
import { insightsMigrations } from './db/migrations/index.js';
import { readInsightsEnv } from './env.js';
import { createInsightsService, INSIGHTS_SERVICE } from './service.js';

await runServiceMain({
  service: INSIGHTS_SERVICE,
  schema: INSIGHTS_SCHEMA,
  migrations: insightsMigrations,
  env: readInsightsEnv(),
  build: async ({ db, connection, env, log }) => {
    const tagging = createTRPCClient<TaggingRouter>({
      links: [
        natsLink({
          nc: connection.nc,
          prefix: env.natsPrefix,
          service: 'tagging',
          timeoutMs: env.rpcTimeoutMs,
          isConnected: connection.isConnected,
        }),
      ],
    });
    await ensureEventStream(connection.nc, env.natsPrefix, env.eventsMaxAgeMs);
    const relay = await startOutboxRelay({
      db,
      databaseUrl: env.databaseUrl,
      schema: INSIGHTS_SCHEMA,
      publish: createJetStreamPublisher({ nc: connection.nc, prefix: env.natsPrefix }),
      log,
    });
    return { ...createInsightsService(db, tagging), onStop: () => relay.stop() };
  },
});
