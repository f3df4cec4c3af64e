import { accessibleInsights } from './procedures/accessible-insights.js';
import { basicByIds } from './procedures/basic-by-ids.js';
import { bulkUpdateTags } from './procedures/bulk-update-tags.js';
import { checkAccess } from './procedures/check-access.js';
import { createInsight } from './procedures/create-insight.js';
import { health } from './procedures/health.js';
import { listInsights } from './procedures/list-insights.js';
import { retrieveInsight } from './procedures/retrieve-insight.js';
import { updateInsight } from './procedures/update-insight.js';
import { router } from './trpc.js';

export const insightsRouter = router({
  health,
  list: listInsights,
  create: createInsight,
  retrieve: retrieveInsight,
  update: updateInsight,
  accessible: accessibleInsights,
  basicByIds,
  checkAccess,
  bulkUpdateTags,
});
export type InsightsRouter = typeof insightsRouter;
