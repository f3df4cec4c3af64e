export { activityConsumer, activityEventHandler } from './consumers/insight-activity.js';
export { ACTIVITY_SCHEMA } from './db/database.js';
export { activityMigrations } from './db/migrations/index.js';
export { readActivityPage } from './log/read-page.js';
export { renderActivityPage } from './log/render-page.js';
export type { ActivityRouter } from './router.js';
export { ACTIVITY_SERVICE, createActivityService } from './service.js';
