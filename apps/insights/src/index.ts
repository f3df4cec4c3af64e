export { setObjectAccess } from './admin/set-object-access.js';
export { INSIGHTS_SCHEMA } from './db/database.js';
export { insightsMigrations } from './db/migrations/index.js';
export type { InsightsRouter } from './router.js';
export { createInsightsService, INSIGHTS_SERVICE } from './service.js';
