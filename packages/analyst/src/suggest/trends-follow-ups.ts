import { RunnableInterval, type RunnableTrendsQuery, TRENDS_DISPLAYS } from '../query/runnable-insight-query.js';
import type { StoredTrendsQuery } from '../query/stored-insight-query.js';
import { funnelBetween, lifecycleOf, stickinessOf, withoutMath } from './common-follow-ups.js';
import type { FollowUpContext } from './follow-up-context.js';
import type { InsightSuggestion } from './insight-suggestion.js';
import {
  breakdownCandidate,
  copiedScope,
  insightViz,
  nodeLabel,
  runnableBreakdown,
  runnableInterval,
  runnableSeries,
} from './query-parts.js';

const TOTAL_VALUE_DISPLAYS = new Set(['BoldNumber', 'ActionsPie', 'ActionsBarValue', 'ActionsTable']);
const DISTINCT_MATHS = new Set(['dau', 'weekly_active', 'monthly_active', 'unique_session']);

/**
 * Follow-ups for a trend, in this order:
 * 1. without a breakdown: the same trend by the most common event property of its first event (when the caller
 *    knows one); with one: the share of each breakdown value as a pie;
 * 2. the first series counted the other way: unique users (`dau`) for an event count or a property statistic,
 *    every event (`total`) for a unique count;
 * 3. two series or more: a funnel from the first series to the second; one series: its stickiness, then its lifecycle.
 */
export function trendsFollowUps(query: StoredTrendsQuery, context: FollowUpContext): InsightSuggestion[] {
  const series = runnableSeries(query.series, true);
  if (!series) return [];
  const scope = copiedScope(query);
  const interval = runnableInterval(query.interval);
  const breakdown = runnableBreakdown(query.breakdownFilter);
  const display = TRENDS_DISPLAYS.find((candidate) => candidate === query.trendsFilter?.display);
  const sameTrend: RunnableTrendsQuery = {
    kind: 'TrendsQuery',
    series,
    ...interval,
    ...scope,
    ...(breakdown ? { breakdownFilter: breakdown } : {}),
    ...(display ? { trendsFilter: { display } } : {}),
  };
  const first = series[0]!;
  const label = series.length === 1 ? nodeLabel(first) : `${nodeLabel(first)} and the other series`;
  const suggestions: InsightSuggestion[] = [];

  const hasAnyBreakdown = Boolean(query.breakdownFilter?.breakdown || query.breakdownFilter?.breakdowns?.length);
  if (!hasAnyBreakdown) {
    const property = breakdownCandidate(context.commonEventProperties, [query.properties, first.properties]);
    if (property) {
      suggestions.push({
        title: `${label} by ${property}`,
        description: `Break the trend down by ${property}, the most common property on ${nodeLabel(first)}, to see which values drive it.`,
        targetQuery: insightViz({ ...sameTrend, breakdownFilter: { breakdown: property, breakdown_type: 'event' } }),
      });
    }
  } else if (breakdown && !TOTAL_VALUE_DISPLAYS.has(display ?? '')) {
    suggestions.push({
      title: `Share of ${label} by ${breakdown.breakdown}`,
      description: `Compare ${breakdown.breakdown} values by their total over the whole range instead of day by day.`,
      targetQuery: insightViz({ ...sameTrend, trendsFilter: { display: 'ActionsPie' } }),
    });
  }

  const countsUniques = DISTINCT_MATHS.has(first.math ?? 'total');
  const recounted = { ...withoutMath(first), math: countsUniques ? ('total' as const) : ('dau' as const) };
  suggestions.push({
    title: countsUniques ? `Total ${nodeLabel(first)} events` : `Unique users doing ${nodeLabel(first)}`,
    description: countsUniques
      ? `Count every ${nodeLabel(first)} event, not just unique users, to see how intensely people use it.`
      : `Count each user once per ${sameTrend.interval ?? 'day'} to separate reach from repeat use.`,
    targetQuery: insightViz({ ...sameTrend, series: [recounted, ...series.slice(1)] }),
  });

  const neighbourInterval = RunnableInterval.parse(sameTrend.interval ?? 'day');
  if (series.length >= 2) {
    suggestions.push(funnelBetween(first, series[1]!, scope));
  } else {
    suggestions.push(stickinessOf(first, neighbourInterval, scope), lifecycleOf(first, neighbourInterval, scope));
  }
  return suggestions;
}
