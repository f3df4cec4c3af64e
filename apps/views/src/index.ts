export { VIEWS_CONSUMER, viewsEventHandler, viewsEventSubject } from './consumers/insight-state.js';
export { startViewsConsumer } from './consumers/start-views-consumer.js';
export { VIEWS_SCHEMA, type ViewsDatabase } from './db/database.js';
export { viewsMigrations } from './db/migrations/index.js';
export type { ViewsRouter } from './router.js';
export { createViewsService, VIEWS_SERVICE } from './service.js';
