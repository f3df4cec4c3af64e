import { createJetStreamPublisher, ensureEventStream, runServiceMain, startOutboxRelay } from '@insights/transport';
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
    await ensureEventStream(connection.nc, env.natsPrefix, env.eventsMaxAgeMs);
    const relay = await startOutboxRelay({
      db,
      databaseUrl: env.databaseUrl,
      schema: INSIGHTS_SCHEMA,
      publish: createJetStreamPublisher({ nc: connection.nc, prefix: env.natsPrefix }),
      log,
    });
    return { ...createInsightsService(db), onStop: () => relay.stop() };
  },
});
