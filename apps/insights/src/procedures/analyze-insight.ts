import { isAnalysableInsightQuery } from '@insights/analyst';
import { ProjectQuerySettings } from '@insights/contracts';
import { z } from 'zod';
import { assertModelAllowed } from '../model/ai-approval.js';
import { resultsForAnalysis } from '../model/analysis-results.js';
import { readableInsight } from '../model/readable-insight.js';
import { scopedProcedure } from '../trpc.js';

/**
 * `GET …/insights/:id/analyze/` (spec reference §4): plain-text analysis of the insight's results; `""` for an
 * insight without a query, or with one that is not an InsightVizNode.
 */
export const analyzeInsight = scopedProcedure('insight:read')
  .input(
    z.object({ id: z.string().min(1).max(64), settings: ProjectQuerySettings, aiDataProcessingApproved: z.boolean() }),
  )
  .query(async ({ input, ctx }) => {
    const { row } = await readableInsight(ctx.deps.db, ctx.principal, input.id);
    assertModelAllowed(ctx.deps.analyst, input.aiDataProcessingApproved);
    if (!isAnalysableInsightQuery(row.query)) return { result: '' };
    const results = await resultsForAnalysis({ ...ctx.deps, log: ctx.log }, row, input.settings);
    const result = await ctx.deps.analyst.analyze({
      query: row.query,
      results,
      timezone: input.settings.timezone,
      insightName: row.name ?? row.derived_name,
      insightDescription: row.description,
      teamId: row.project_id,
      requestId: ctx.requestId,
    });
    return { result };
  });
