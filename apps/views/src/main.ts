import { runServiceMain } from '@insights/transport';
import { VIEWS_SCHEMA } from './db/database.js';
import { viewsMigrations } from './db/migrations/index.js';
import { readViewsEnv } from './env.js';
import { createViewsService, VIEWS_SERVICE } from './service.js';

await runServiceMain({
  service: VIEWS_SERVICE,
  schema: VIEWS_SCHEMA,
  migrations: viewsMigrations,
  env: readViewsEnv(),
  build: async ({ db }) => createViewsService(db),
});
