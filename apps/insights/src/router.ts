import { accessibleInsights } from './procedures/accessible-insights.js';
import { analyzeInsight } from './procedures/analyze-insight.js';
import { basicByIds } from './procedures/basic-by-ids.js';
import { bulkUpdateTags } from './procedures/bulk-update-tags.js';
import { cancelQueries } from './procedures/cancel-queries.js';
import { checkAccess } from './procedures/check-access.js';
import { createInsight } from './procedures/create-insight.js';
import { freshCachedQuery } from './procedures/fresh-cached-query.js';
import { generateMetadata } from './procedures/generate-metadata.js';
import { health } from './procedures/health.js';
import { listInsights } from './procedures/list-insights.js';
import { queryStatus } from './procedures/query-status.js';
import { retrieveIfFresh, retrieveInsight } from './procedures/retrieve-insight.js';
import { runQuery } from './procedures/run-query.js';
import { suggestInsights } from './procedures/suggest-insights.js';
import { updateInsight } from './procedures/update-insight.js';
import { router } from './trpc.js';

export const insightsRouter = router({
  health,
  list: listInsights,
  create: createInsight,
  retrieve: retrieveInsight,
  retrieveIfFresh,
  update: updateInsight,
  accessible: accessibleInsights,
  basicByIds,
  checkAccess,
  bulkUpdateTags,
  query: runQuery,
  freshCachedQuery,
  queryStatus,
  cancelQueries,
  analyze: analyzeInsight,
  suggestions: suggestInsights,
  generateMetadata,
});
export type InsightsRouter = typeof insightsRouter;
