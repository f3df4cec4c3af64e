export { VIEWS_SCHEMA } from './db/database.js';
export { viewsMigrations } from './db/migrations/index.js';
export type { ViewsRouter } from './router.js';
export { createViewsService, VIEWS_SERVICE } from './service.js';
