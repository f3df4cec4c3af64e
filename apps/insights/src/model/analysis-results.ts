import type { ProjectQuerySettings } from '@insights/contracts';
import type { Logger } from 'pino';
import { answerForQueryFailure } from '../queries/query-failures.js';
import { runCachedQuery } from '../queries/run-cached-query.js';
import type { InsightsDeps } from '../trpc.js';
import type { InsightRow } from './insight-row.js';

/**
 * The results the analyst reads: the insight's cached results, whatever their age; computed once through the normal
 * cached path when there are none (PostHog never computes here; analysis without data would say nothing).
 */
export async function resultsForAnalysis(
  deps: InsightsDeps & { log: Logger },
  row: InsightRow,
  settings: ProjectQuerySettings,
): Promise<unknown> {
  const run = {
    projectId: row.project_id,
    settings,
    node: row.query,
    clientQueryId: null,
    insightId: row.id,
  };
  try {
    const cached = await runCachedQuery(deps, { ...run, mode: 'force_cache' });
    if (cached.body.results !== undefined) return cached.body.results;
    return (await runCachedQuery(deps, { ...run, mode: 'blocking' })).body.results ?? null;
  } catch (error) {
    throw answerForQueryFailure(error);
  }
}
