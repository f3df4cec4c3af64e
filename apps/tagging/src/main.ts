import { ensureEventStream, runServiceMain, startServiceConsumer } from '@insights/transport';
import { taggingConsumer } from './consumers/insight-tags.js';
import { TAGGING_SCHEMA } from './db/database.js';
import { taggingMigrations } from './db/migrations/index.js';
import { readTaggingEnv } from './env.js';
import { createTaggingService, TAGGING_SERVICE } from './service.js';

await runServiceMain({
  service: TAGGING_SERVICE,
  schema: TAGGING_SCHEMA,
  migrations: taggingMigrations,
  env: readTaggingEnv(),
  build: async ({ db, connection, env, log }) => {
    await ensureEventStream(connection.nc, env.natsPrefix, env.eventsMaxAgeMs);
    const consumer = await startServiceConsumer(taggingConsumer, { nc: connection.nc, db, env, log });
    return { ...createTaggingService(db), onStop: () => consumer.stop() };
  },
});
