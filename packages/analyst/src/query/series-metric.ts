import { formatNumber } from '../text/format-number.js';
import { countPhrase } from '../text/pluralize.js';
import type { StoredSeriesNode } from './stored-insight-query.js';

/**
 * How a series' numbers may be combined:
 * - `count`: additive over time and across breakdown values (events, a property sum, first-time users: each is
 *   counted in exactly one bucket), so the range total is the sum of the buckets.
 * - `distinct`: distinct actors per bucket (dau, weekly/monthly active, sessions, groups); buckets of one breakdown
 *   value may be added, but adding buckets over time counts people again, so the range figure is a per-bucket average.
 * - `statistic`: an average, extreme or percentile of a property or of per-actor counts; neither buckets nor
 *   breakdown values may be added.
 */
export type MetricAggregation = 'count' | 'distinct' | 'statistic';

export interface SeriesMetric {
  aggregation: MetricAggregation;
  /** `12,345 events`, `1 unique user`, `45.2 (average of amount)`, or the bare number for formulas. */
  quantity(value: number): string;
}

const COUNT_UNITS: Record<string, [string, string]> = {
  total: ['event', 'events'],
  first_time_for_user: ['first-time user', 'first-time users'],
  first_time_for_user_with_filters: ['first-time user', 'first-time users'],
  first_matching_event_for_user: ['first-time user', 'first-time users'],
};

const DISTINCT_UNITS: Record<string, [string, string]> = {
  dau: ['unique user', 'unique users'],
  weekly_active: ['weekly active user', 'weekly active users'],
  monthly_active: ['monthly active user', 'monthly active users'],
  unique_session: ['unique session', 'unique sessions'],
  unique_group: ['unique group', 'unique groups'],
};

const STATISTIC_LABELS: Record<string, string> = {
  avg: 'average',
  min: 'minimum',
  max: 'maximum',
  median: 'median',
  p75: '75th percentile',
  p90: '90th percentile',
  p95: '95th percentile',
  p99: '99th percentile',
  avg_count_per_actor: 'average events per user',
  min_count_per_actor: 'minimum events per user',
  max_count_per_actor: 'maximum events per user',
  median_count_per_actor: 'median events per user',
  p75_count_per_actor: '75th percentile of events per user',
  p90_count_per_actor: '90th percentile of events per user',
  p95_count_per_actor: '95th percentile of events per user',
  p99_count_per_actor: '99th percentile of events per user',
  hogql: 'custom expression',
};

function unitQuantity([singular, plural]: [string, string]) {
  return (value: number) => countPhrase(formatNumber(value), singular, plural);
}

/** What a series measures, from its `math` (absent or null means `total`, as in PostHog). */
export function seriesMetric(node: Pick<StoredSeriesNode, 'math' | 'math_property'> | undefined): SeriesMetric {
  const math = node?.math ?? 'total';
  const countUnit = COUNT_UNITS[math];
  if (countUnit) return { aggregation: 'count', quantity: unitQuantity(countUnit) };
  if (math === 'sum') {
    const property = node?.math_property ?? 'the property';
    return { aggregation: 'count', quantity: (value) => `${formatNumber(value)} (sum of ${property})` };
  }
  const distinctUnit = DISTINCT_UNITS[math];
  if (distinctUnit) return { aggregation: 'distinct', quantity: unitQuantity(distinctUnit) };
  const label = STATISTIC_LABELS[math] ?? math;
  const of = node?.math_property && !math.endsWith('_per_actor') ? ` of ${node.math_property}` : '';
  return { aggregation: 'statistic', quantity: (value) => `${formatNumber(value)} (${label}${of})` };
}

/** Formula results have no unit: their numbers are added like counts and shown bare. */
export const FORMULA_METRIC: SeriesMetric = { aggregation: 'count', quantity: (value) => formatNumber(value) };

/** The name a series goes by in text: its custom name, its event, `All events` for an events node without one. */
export function seriesLabel(node: StoredSeriesNode | undefined): string | null {
  if (!node) return null;
  if (node.custom_name) return node.custom_name;
  if (node.kind === 'EventsNode') return node.event ?? 'All events';
  if (node.name) return node.name;
  if (node.id !== null && node.id !== undefined) return `Action ${node.id}`;
  return null;
}
