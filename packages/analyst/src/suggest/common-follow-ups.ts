import type { RunnableEventsNode, RunnableInterval, RunnableTrendsQuery } from '../query/runnable-insight-query.js';
import type { InsightSuggestion } from './insight-suggestion.js';
import { insightViz, nodeLabel, retentionEntityOf } from './query-parts.js';

/*
 * Neighbouring insights of one event, shared by several kinds: the same event as a unique-users trend, stickiness,
 * lifecycle or retention. Each takes the event's node (math dropped where the target kind ignores it) and the
 * source's scope.
 */

type Scope = Pick<RunnableTrendsQuery, 'dateRange' | 'properties' | 'filterTestAccounts'>;

/** The node counted the default way (its math and math property removed). */
export function withoutMath(node: RunnableEventsNode): RunnableEventsNode {
  const { math: _math, math_property: _property, ...rest } = node;
  return rest;
}

export function uniqueUsersTrend(
  node: RunnableEventsNode,
  interval: RunnableInterval,
  scope: Scope,
): InsightSuggestion {
  const label = nodeLabel(node);
  return {
    title: `Unique users doing ${label} per ${interval}`,
    description: `See whether the number of people doing ${label} is growing, counting each user once per ${interval}.`,
    targetQuery: insightViz({
      kind: 'TrendsQuery',
      series: [{ ...withoutMath(node), math: 'dau' }],
      interval,
      ...scope,
    }),
  };
}

export function stickinessOf(node: RunnableEventsNode, interval: RunnableInterval, scope: Scope): InsightSuggestion {
  const label = nodeLabel(node);
  return {
    title: `Stickiness of ${label}`,
    description: `See on how many ${interval}s of the range each user does ${label}, to find your regular users.`,
    targetQuery: insightViz({
      kind: 'StickinessQuery',
      series: [withoutMath(node)],
      interval,
      ...scope,
      stickinessFilter: {},
    }),
  };
}

export function lifecycleOf(node: RunnableEventsNode, interval: RunnableInterval, scope: Scope): InsightSuggestion {
  const label = nodeLabel(node);
  return {
    title: `Lifecycle of users who do ${label}`,
    description: `Split the users doing ${label} into new, returning, resurrecting and dormant ${interval} by ${interval}.`,
    targetQuery: insightViz({
      kind: 'LifecycleQuery',
      series: [withoutMath(node)],
      interval,
      ...scope,
      lifecycleFilter: {},
    }),
  };
}

/** Retention from `start` back to `returning` (the same event when omitted); null for "all events" nodes. */
export function retentionOf(
  start: RunnableEventsNode,
  scope: Scope,
  returning: RunnableEventsNode = start,
): InsightSuggestion | null {
  const targetEntity = retentionEntityOf(start);
  const returningEntity = retentionEntityOf(returning);
  if (!targetEntity || !returningEntity) return null;
  const same = targetEntity.id === returningEntity.id;
  return {
    title: same ? `Retention of ${nodeLabel(start)}` : `Retention of ${nodeLabel(returning)} after ${nodeLabel(start)}`,
    description: same
      ? `See how many users who do ${nodeLabel(start)} come back to do it again in the following days.`
      : `See whether users who do ${nodeLabel(start)} keep coming back to do ${nodeLabel(returning)} in the following days.`,
    targetQuery: insightViz({
      kind: 'RetentionQuery',
      retentionFilter: { period: 'Day', targetEntity, returningEntity },
      ...scope,
    }),
  };
}

/** A two-step funnel; funnel steps count actors, so the nodes' maths are dropped. */
export function funnelBetween(first: RunnableEventsNode, second: RunnableEventsNode, scope: Scope): InsightSuggestion {
  return {
    title: `Conversion from ${nodeLabel(first)} to ${nodeLabel(second)}`,
    description: `See how many users who do ${nodeLabel(first)} go on to do ${nodeLabel(second)}, and how long it takes them.`,
    targetQuery: insightViz({
      kind: 'FunnelsQuery',
      series: [withoutMath(first), withoutMath(second)],
      ...scope,
      funnelsFilter: { funnelOrderType: 'ordered', funnelVizType: 'steps' },
    }),
  };
}
