import { isAnalysableInsightQuery } from '@insights/analyst';
import { type InsightSuggestionItem, ProjectQuerySettings } from '@insights/contracts';
import { z } from 'zod';
import { assertModelAllowed } from '../model/ai-approval.js';
import { resultsForAnalysis } from '../model/analysis-results.js';
import { commonEventProperties } from '../model/common-event-properties.js';
import { readableInsight } from '../model/readable-insight.js';
import { scopedProcedure } from '../trpc.js';

/** The event of the query's first series (a retention's target entity), if it names one. */
function firstEventOf(query: unknown): string | null {
  const source = (query as { source?: Record<string, any> }).source ?? {};
  const series = source.series?.[0] ?? source.retentionFilter?.targetEntity;
  const event = series?.event ?? series?.id;
  return typeof event === 'string' ? event : null;
}

/**
 * `GET` and `POST …/insights/:id/suggestions/` (spec reference §5): follow-up insights, each with a query our engine
 * runs; retention's two heuristic suggestions first. POST passes its `context` to the model.
 */
export const suggestInsights = scopedProcedure('insight:read')
  .input(
    z.object({
      id: z.string().min(1).max(64),
      settings: ProjectQuerySettings,
      aiDataProcessingApproved: z.boolean(),
      context: z.string().max(10_000).nullish(),
    }),
  )
  .query(async ({ input, ctx }): Promise<InsightSuggestionItem[]> => {
    const { row } = await readableInsight(ctx.deps.db, ctx.principal, input.id);
    assertModelAllowed(ctx.deps.analyst, input.aiDataProcessingApproved);
    if (!isAnalysableInsightQuery(row.query)) return [];
    const [results, properties] = await Promise.all([
      resultsForAnalysis({ ...ctx.deps, log: ctx.log }, row, input.settings),
      commonEventProperties(ctx.deps.db, row.project_id, firstEventOf(row.query)),
    ]);
    return ctx.deps.analyst.suggest({
      query: row.query,
      results,
      timezone: input.settings.timezone,
      context: input.context ?? null,
      commonEventProperties: properties,
      teamId: row.project_id,
      requestId: ctx.requestId,
    });
  });
