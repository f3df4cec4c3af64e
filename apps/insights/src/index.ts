export { setObjectAccess } from './admin/set-object-access.js';
export { INSIGHTS_SCHEMA } from './db/database.js';
export { insightsMigrations } from './db/migrations/index.js';
export { INGEST_CONSUMER, ingestConsumer } from './ingest/ingest-consumer.js';
export { ingestEvents } from './ingest/ingest-events.js';
export { QUERY_SESSION_SETTINGS } from './queries/query-session-settings.js';
export type { InsightsRouter } from './router.js';
export { createInsightsService, INSIGHTS_SERVICE } from './service.js';
