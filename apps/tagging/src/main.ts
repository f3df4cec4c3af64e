import { runServiceMain } from '@insights/transport';
import { TAGGING_SCHEMA } from './db/database.js';
import { taggingMigrations } from './db/migrations/index.js';
import { readTaggingEnv } from './env.js';
import { createTaggingService, TAGGING_SERVICE } from './service.js';

await runServiceMain({
  service: TAGGING_SERVICE,
  schema: TAGGING_SCHEMA,
  migrations: taggingMigrations,
  env: readTaggingEnv(),
  build: async ({ db }) => createTaggingService(db),
});
