import type { Dataset } from '../dataset.js';
import { oracleFunnels } from './funnels.js';
import { oracleLifecycle } from './lifecycle.js';
import type { OracleProject } from './project.js';
import { oracleRetention } from './retention.js';
import { oracleStickiness } from './stickiness.js';
import { oracleTrends } from './trends.js';

export type { OracleProject } from './project.js';

/**
 * The response PostHog should give for `query` over `dataset` at `now`, computed with plain loops over the events,
 * independently of the engine. Returns `results` plus the response keys the oracle knows (`hasMore`,
 * `resolved_date_range`, `isUdf`); compare only those keys.
 */
export function expectedQueryResponse(
  node: Record<string, any>,
  dataset: Dataset,
  project: OracleProject,
  now: Date,
): Record<string, unknown> {
  const query = node.kind === 'InsightVizNode' ? node.source : node;
  switch (query.kind) {
    case 'TrendsQuery':
      return oracleTrends(query, dataset, project, now);
    case 'FunnelsQuery':
      return oracleFunnels(query, dataset, project, now);
    case 'RetentionQuery':
      return oracleRetention(query, dataset, project, now);
    case 'StickinessQuery':
      return oracleStickiness(query, dataset, project, now);
    case 'LifecycleQuery':
      return oracleLifecycle(query, dataset, project, now);
    default:
      throw new Error(`oracle: no expectation for ${query.kind}`);
  }
}
