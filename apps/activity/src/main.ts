import { runServiceMain } from '@insights/transport';
import { ACTIVITY_SCHEMA } from './db/database.js';
import { activityMigrations } from './db/migrations/index.js';
import { readActivityEnv } from './env.js';
import { ACTIVITY_SERVICE, createActivityService } from './service.js';

await runServiceMain({
  service: ACTIVITY_SERVICE,
  schema: ACTIVITY_SCHEMA,
  migrations: activityMigrations,
  env: readActivityEnv(),
  build: async ({ db }) => createActivityService(db),
});
