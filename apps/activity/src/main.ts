import { ensureEventStream, runServiceMain, startServiceConsumer } from '@insights/transport';
import { activityConsumer } from './consumers/insight-activity.js';
import { ACTIVITY_SCHEMA } from './db/database.js';
import { activityMigrations } from './db/migrations/index.js';
import { readActivityEnv } from './env.js';
import { ACTIVITY_SERVICE, createActivityService } from './service.js';

await runServiceMain({
  service: ACTIVITY_SERVICE,
  schema: ACTIVITY_SCHEMA,
  migrations: activityMigrations,
  env: readActivityEnv(),
  build: async ({ db, connection, env, log }) => {
    await ensureEventStream(connection.nc, env.natsPrefix, env.eventsMaxAgeMs);
    const consumer = await startServiceConsumer(activityConsumer, { nc: connection.nc, db, env, log });
    return { ...createActivityService(db), onStop: () => consumer.stop() };
  },
});
