import type { InsightBasic } from '@insights/contracts';
import { forwardCall, JsonText, queryAsJsonText } from '@insights/transport';
import { recentViews } from '../model/recent-views.js';
import { scopedProcedure } from '../trpc.js';

export const LAST_VIEWED_COUNT = 5;
// Spare candidates for insights that insights no longer serves (deleted before views heard of it).
const CANDIDATES = 2 * LAST_VIEWED_COUNT;

/**
 * `GET …/insights/my_last_viewed/` (spec §10): the caller's 5 most recently viewed insights of the project, newest
 * first, in the basic serializer with the caller's own `last_viewed_at`. PostHog serializes them without request
 * context, so `user_access_level` is null. Insights renders them so, and its JSON text is passed on unparsed.
 */
export const lastViewed = scopedProcedure('insight:read').query(async ({ ctx }): Promise<JsonText<InsightBasic[]>> => {
  const views = await recentViews(ctx.deps.db, ctx.principal.projectId ?? -1, ctx.principal.user.id, CANDIDATES);
  if (views.length === 0) return new JsonText('[]');
  const asLastViewed = Object.fromEntries(views.map((view) => [view.insight_id, view.last_viewed_at.toISOString()]));
  const insights = await queryAsJsonText(
    ctx.deps.insights.basicByIds,
    { ids: views.map((view) => view.insight_id), limit: LAST_VIEWED_COUNT, asLastViewed },
    forwardCall(ctx),
  );
  // Asked without `withLastModifiedBy`, each is exactly an InsightBasic; the text goes on as insights wrote it.
  return insights as JsonText<InsightBasic[]>;
});
