import { RunnableInterval } from '../query/runnable-insight-query.js';
import type { StoredLifecycleQuery } from '../query/stored-insight-query.js';
import { retentionOf, stickinessOf, uniqueUsersTrend } from './common-follow-ups.js';
import type { FollowUpContext } from './follow-up-context.js';
import type { InsightSuggestion } from './insight-suggestion.js';
import { breakdownCandidate, copiedScope, insightViz, nodeLabel, runnableSeriesNode } from './query-parts.js';

/**
 * Follow-ups for a lifecycle, in this order: the event's stickiness, its retention, then its unique-users trend,
 * broken down by the most common event property when the caller knows one.
 */
export function lifecycleFollowUps(query: StoredLifecycleQuery, context: FollowUpContext): InsightSuggestion[] {
  const node = runnableSeriesNode(query.series[0], false);
  if (!node) return [];
  const scope = copiedScope(query);
  const interval = RunnableInterval.safeParse(query.interval).data ?? 'day';
  const suggestions: InsightSuggestion[] = [stickinessOf(node, interval, scope)];
  const retention = retentionOf(node, scope);
  if (retention) suggestions.push(retention);
  const trend = uniqueUsersTrend(node, interval, scope);
  const property = breakdownCandidate(context.commonEventProperties, [query.properties, node.properties]);
  if (property && trend.targetQuery.source.kind === 'TrendsQuery') {
    suggestions.push({
      title: `Unique users doing ${nodeLabel(node)} by ${property}`,
      description: `See which ${property} values the active users of ${nodeLabel(node)} come from.`,
      targetQuery: insightViz({
        ...trend.targetQuery.source,
        breakdownFilter: { breakdown: property, breakdown_type: 'event' },
      }),
    });
  } else {
    suggestions.push(trend);
  }
  return suggestions;
}
