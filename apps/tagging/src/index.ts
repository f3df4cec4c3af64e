export { taggingConsumer, taggingEventHandler } from './consumers/insight-tags.js';
export { TAGGING_SCHEMA } from './db/database.js';
export { taggingMigrations } from './db/migrations/index.js';
export type { TaggingRouter } from './router.js';
export { createTaggingService, TAGGING_SERVICE } from './service.js';
