import type { RunnableEventsNode, RunnablePropertyFilter } from '../query/runnable-insight-query.js';
import type { StoredRetentionQuery } from '../query/stored-insight-query.js';
import { withoutNulls } from '../query/without-nulls.js';
import type { InsightSuggestion } from './insight-suggestion.js';
import { copiedScope, insightViz } from './query-parts.js';

/** Retention period → the stickiness/lifecycle interval and how §5 describes it. */
const PERIOD_INTERVALS: Record<string, { interval: 'hour' | 'day' | 'week'; description: string }> = {
  Month: { interval: 'week', description: 'weeks per month' },
  Week: { interval: 'day', description: 'days per week' },
  Hour: { interval: 'hour', description: 'hours per day' },
  Day: { interval: 'day', description: 'days per week' },
};

/**
 * PostHog's heuristic suggestions for a retention insight (spec §5), computed without a model and listed first:
 * stickiness, then lifecycle, of the returning event, with the retention's date range, properties and test-account
 * switch copied. The one deviation: a returning *action* yields nothing, because an `ActionsNode` is not something our
 * engine can run (we have no actions).
 */
export function retentionHeuristicSuggestions(query: StoredRetentionQuery): InsightSuggestion[] {
  const entity = query.retentionFilter.returningEntity;
  if (!entity) return [];
  const isEvent = entity.type === 'events' || entity.kind === 'EventsNode';
  if (!isEvent) return [];

  // Python's `id or name or "event"`: the first truthy one.
  const eventName = entity.id || entity.name || 'event';
  const displayName = String(eventName);
  const node: RunnableEventsNode = { kind: 'EventsNode' };
  if (typeof eventName === 'string') node.event = eventName;
  if (entity.name) node.name = entity.name;
  if (entity.custom_name) node.custom_name = entity.custom_name;
  if (entity.properties) node.properties = withoutNulls(entity.properties) as RunnablePropertyFilter[];

  const { interval, description } = PERIOD_INTERVALS[query.retentionFilter.period ?? 'Day'] ?? PERIOD_INTERVALS.Day!;
  const scope = copiedScope(query);
  return [
    {
      title: `Stickiness of users who performed ${displayName}`,
      description: `See how frequently retained users perform this event (${description})`,
      targetQuery: insightViz({ kind: 'StickinessQuery', series: [node], interval, ...scope, stickinessFilter: {} }),
    },
    {
      title: `Lifecycle of users who perform ${displayName}`,
      description: 'See lifecycle of users who perform this event (new vs returning vs resurrecting vs dormant)',
      targetQuery: insightViz({ kind: 'LifecycleQuery', series: [node], interval, ...scope, lifecycleFilter: {} }),
    },
  ];
}
