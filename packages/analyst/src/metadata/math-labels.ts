/** How a series' math is named in summaries and names (§9); total is the default and is left out of names. */
export const MATH_LABELS: Record<string, string> = {
  total: 'total count',
  dau: 'unique users',
  weekly_active: 'weekly active users',
  monthly_active: 'monthly active users',
  unique_session: 'unique sessions',
  unique_group: 'unique groups',
  first_time_for_user: 'first time users',
  first_matching_event_for_user: 'first time users',
  avg_count_per_actor: 'avg count per user',
  min_count_per_actor: 'min count per user',
  max_count_per_actor: 'max count per user',
  median_count_per_actor: 'median count per user',
  p75_count_per_actor: 'p75 count per user',
  p90_count_per_actor: 'p90 count per user',
  p95_count_per_actor: 'p95 count per user',
  p99_count_per_actor: 'p99 count per user',
  avg: 'average',
  sum: 'sum',
  min: 'minimum',
  max: 'maximum',
  median: 'median',
  p75: 'p75',
  p90: 'p90',
  p95: 'p95',
  p99: 'p99',
  hogql: 'custom expression',
};

export function mathLabel(math: string): string {
  return MATH_LABELS[math] ?? math;
}
