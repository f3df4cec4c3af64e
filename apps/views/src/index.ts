export { viewsConsumer, viewsEventHandler } from './consumers/insight-state.js';
export { VIEWS_SCHEMA, type ViewsDatabase } from './db/database.js';
export { viewsMigrations } from './db/migrations/index.js';
export { recentViews } from './model/recent-views.js';
export { createViewWriter } from './model/view-writer.js';
export { LAST_VIEWED_COUNT } from './procedures/last-viewed.js';
export type { ViewsRouter } from './router.js';
export { createViewsService, VIEWS_SERVICE } from './service.js';
