import { funnelStepCounts } from '../analyze/funnels.js';
import { indexOfMax } from '../analyze/json-guards.js';
import { RunnableFunnelsQuery, RunnableInterval } from '../query/runnable-insight-query.js';
import type { StoredFunnelsQuery } from '../query/stored-insight-query.js';
import { formatNumber } from '../text/format-number.js';
import { retentionOf, uniqueUsersTrend, withoutMath } from './common-follow-ups.js';
import type { FollowUpContext } from './follow-up-context.js';
import type { InsightSuggestion } from './insight-suggestion.js';
import { breakdownCandidate, copiedScope, insightViz, nodeLabel, runnableSeries } from './query-parts.js';

/**
 * Follow-ups for a funnel, in this order:
 * 1. the unique-users trend of the step with the largest drop (the step users fail to reach; the same rule as the
 *    analysis, ties to the earliest), or of the last step when the results cannot tell;
 * 2. without a breakdown: the same funnel by the most common event property of its first step;
 * 3. retention from the first step to the last;
 * 4. the first and last steps side by side as a unique-users trend.
 */
export function funnelsFollowUps(query: StoredFunnelsQuery, context: FollowUpContext): InsightSuggestion[] {
  const steps = runnableSeries(query.series, false);
  if (!steps || steps.length < 2) return [];
  const scope = copiedScope(query);
  const interval = RunnableInterval.safeParse(query.interval).data ?? 'day';
  const first = steps[0]!;
  const last = steps[steps.length - 1]!;
  const suggestions: InsightSuggestion[] = [];

  const counts = funnelStepCounts(context.results);
  const losses =
    counts && counts.length === steps.length ? counts.slice(1).map((count, step) => counts[step]! - count) : null;
  const dropStep = losses?.some((loss) => loss > 0) ? indexOfMax(losses) + 1 : null;
  const trendStep = steps[dropStep ?? steps.length - 1]!;
  const trend = uniqueUsersTrend(trendStep, interval, scope);
  trend.description =
    dropStep !== null && steps.length > 2
      ? `${nodeLabel(trendStep)} is where this funnel loses the most users (${formatNumber(losses![dropStep - 1]!)}); see how many people reach it each ${interval}.`
      : `See how many people do ${nodeLabel(trendStep)}, the step this funnel leads to, each ${interval}.`;
  suggestions.push(trend);

  const hasBreakdown = Boolean(query.breakdownFilter?.breakdown || query.breakdownFilter?.breakdowns?.length);
  const property = hasBreakdown
    ? null
    : breakdownCandidate(context.commonEventProperties, [query.properties, first.properties]);
  if (property) {
    suggestions.push({
      title: `Conversion by ${property}`,
      description: `Break the funnel down by ${property} to find the values that convert best and worst.`,
      targetQuery: insightViz({
        kind: 'FunnelsQuery',
        series: steps,
        ...scope,
        breakdownFilter: { breakdown: property, breakdown_type: 'event' },
        ...sameFunnelWindow(query),
      }),
    });
  }

  const retention = retentionOf(first, scope, last);
  if (retention) suggestions.push(retention);

  suggestions.push({
    title: `${nodeLabel(first)} and ${nodeLabel(last)} over time`,
    description: `Compare how many people start and finish the funnel each ${interval}.`,
    targetQuery: insightViz({
      kind: 'TrendsQuery',
      series: [
        { ...withoutMath(first), math: 'dau' },
        { ...withoutMath(last), math: 'dau' },
      ],
      interval,
      ...scope,
    }),
  });
  return suggestions;
}

/** The source funnel's order type and window, when they are ones the engine runs; the steps view is implied. */
function sameFunnelWindow(query: StoredFunnelsQuery): Pick<RunnableFunnelsQuery, 'funnelsFilter'> {
  const filter = query.funnelsFilter;
  const picked = {
    funnelOrderType: filter?.funnelOrderType ?? undefined,
    funnelWindowInterval: filter?.funnelWindowInterval ?? undefined,
    funnelWindowIntervalUnit: filter?.funnelWindowIntervalUnit ?? undefined,
  };
  const parsed = RunnableFunnelsQuery.shape.funnelsFilter.safeParse(JSON.parse(JSON.stringify(picked)));
  return parsed.success && parsed.data && Object.keys(parsed.data).length > 0 ? { funnelsFilter: parsed.data } : {};
}
