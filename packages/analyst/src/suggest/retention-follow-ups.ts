import {
  RunnableBreakdownFilter,
  type RunnableInterval,
  RunnableRetentionQuery,
} from '../query/runnable-insight-query.js';
import type { StoredRetentionQuery } from '../query/stored-insight-query.js';
import { funnelBetween, uniqueUsersTrend } from './common-follow-ups.js';
import type { FollowUpContext } from './follow-up-context.js';
import type { InsightSuggestion } from './insight-suggestion.js';
import {
  breakdownCandidate,
  copiedScope,
  insightViz,
  nodeLabel,
  retentionEntityOf,
  seriesNodeOfRetentionEntity,
} from './query-parts.js';

const PERIOD_INTERVALS: Record<string, RunnableInterval> = { Hour: 'hour', Day: 'day', Week: 'week', Month: 'month' };

/** The next coarser period (finer for Month, which has no coarser one), with its adjective for titles. */
const NEIGHBOUR_PERIODS: Record<string, { period: 'Hour' | 'Day' | 'Week' | 'Month'; adjective: string }> = {
  Hour: { period: 'Day', adjective: 'Daily' },
  Day: { period: 'Week', adjective: 'Weekly' },
  Week: { period: 'Month', adjective: 'Monthly' },
  Month: { period: 'Week', adjective: 'Weekly' },
};

/**
 * Rule-based follow-ups for retention (after PostHog's heuristic stickiness and lifecycle), in this order:
 * 1. the unique-users trend of the start event, at the retention period;
 * 2. without a breakdown: the same retention by the most common event property of the start event;
 * 3. a funnel from the start event to the returning one when they differ, else the same retention at the
 *    neighbouring period (its default date range, so that the new period gets its usual number of cohorts).
 */
export function retentionFollowUps(query: StoredRetentionQuery, context: FollowUpContext): InsightSuggestion[] {
  const filter = query.retentionFilter;
  const start = seriesNodeOfRetentionEntity(filter.targetEntity);
  const returning = seriesNodeOfRetentionEntity(filter.returningEntity);
  if (!start || !returning) return [];
  const scope = copiedScope(query);
  const periodName = filter.period ?? 'Day';
  const suggestions: InsightSuggestion[] = [uniqueUsersTrend(start, PERIOD_INTERVALS[periodName] ?? 'day', scope)];

  const sameRetention = runnableRetentionFilter(query);
  const hasBreakdown = Boolean(query.breakdownFilter?.breakdown || query.breakdownFilter?.breakdowns?.length);
  const property = hasBreakdown
    ? null
    : breakdownCandidate(context.commonEventProperties, [query.properties, start.properties]);
  if (property && sameRetention) {
    suggestions.push({
      title: `Retention of ${nodeLabel(start)} by ${property}`,
      description: `Break retention down by ${property} to see which values bring users back most often.`,
      targetQuery: insightViz({
        kind: 'RetentionQuery',
        retentionFilter: sameRetention,
        ...scope,
        breakdownFilter: { breakdown: property, breakdown_type: 'event' },
      }),
    });
  }

  if (start.event !== returning.event) {
    suggestions.push(funnelBetween(start, returning, scope));
  } else if (sameRetention) {
    const neighbour = NEIGHBOUR_PERIODS[periodName] ?? NEIGHBOUR_PERIODS.Day!;
    const { dateRange: _dateRange, ...scopeWithoutRange } = scope;
    const breakdown = RunnableBreakdownFilter.safeParse(query.breakdownFilter);
    suggestions.push({
      title: `${neighbour.adjective} retention of ${nodeLabel(start)}`,
      description: `See the same retention ${neighbour.period.toLowerCase()} by ${neighbour.period.toLowerCase()}, which smooths out or reveals patterns the current period hides.`,
      targetQuery: insightViz({
        kind: 'RetentionQuery',
        retentionFilter: { ...withoutTotalIntervals(sameRetention), period: neighbour.period },
        ...scopeWithoutRange,
        ...(breakdown.success ? { breakdownFilter: breakdown.data } : {}),
      }),
    });
  }
  return suggestions;
}

/** The source's retention settings in the runnable subset, or null when they cannot be expressed. */
function runnableRetentionFilter(query: StoredRetentionQuery): RunnableRetentionQuery['retentionFilter'] | null {
  const filter = query.retentionFilter;
  const start = seriesNodeOfRetentionEntity(filter.targetEntity);
  const returning = seriesNodeOfRetentionEntity(filter.returningEntity);
  const targetEntity = start && retentionEntityOf(start);
  const returningEntity = returning && retentionEntityOf(returning);
  if (!targetEntity || !returningEntity) return null;
  const candidate = {
    period: filter.period ?? undefined,
    totalIntervals: filter.totalIntervals ?? undefined,
    retentionType: filter.retentionType ?? undefined,
    targetEntity,
    returningEntity,
  };
  const parsed = RunnableRetentionQuery.shape.retentionFilter.safeParse(JSON.parse(JSON.stringify(candidate)));
  return parsed.success ? parsed.data : null;
}

function withoutTotalIntervals(filter: RunnableRetentionQuery['retentionFilter']) {
  const { totalIntervals: _totalIntervals, ...rest } = filter;
  return rest;
}
