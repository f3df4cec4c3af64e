import { RunnableInterval } from '../query/runnable-insight-query.js';
import type { StoredStickinessQuery } from '../query/stored-insight-query.js';
import { lifecycleOf, retentionOf, uniqueUsersTrend, withoutMath } from './common-follow-ups.js';
import type { InsightSuggestion } from './insight-suggestion.js';
import { copiedScope, insightViz, nodeLabel, runnableSeriesNode } from './query-parts.js';

/**
 * Follow-ups for stickiness (first series), in this order: its lifecycle, its unique-users trend, the other way of
 * counting stickiness (cumulative "N or more" vs exact), its retention.
 */
export function stickinessFollowUps(query: StoredStickinessQuery): InsightSuggestion[] {
  const node = runnableSeriesNode(query.series[0], false);
  if (!node) return [];
  const scope = copiedScope(query);
  const interval = RunnableInterval.safeParse(query.interval).data ?? 'day';
  const cumulative = query.stickinessFilter?.computedAs === 'cumulative';
  const suggestions = [
    lifecycleOf(node, interval, scope),
    uniqueUsersTrend(node, interval, scope),
    {
      title: cumulative
        ? `Stickiness of ${nodeLabel(node)} (exact ${interval}s)`
        : `Cumulative stickiness of ${nodeLabel(node)}`,
      description: cumulative
        ? `Count users by the exact number of ${interval}s they were active, to see the distribution rather than the tail.`
        : `Count users active on at least N ${interval}s, which shows how large the regular core is at each level.`,
      targetQuery: insightViz({
        kind: 'StickinessQuery',
        series: [withoutMath(node)],
        interval,
        ...scope,
        stickinessFilter: { computedAs: cumulative ? 'non_cumulative' : 'cumulative' },
      }),
    },
  ];
  const retention = retentionOf(node, scope);
  return retention ? [...suggestions, retention] : suggestions;
}
