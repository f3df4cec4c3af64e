import { type DateContext, resolveDateRange } from '../dates/date-range.js';
import type { Interval } from '../dates/interval.js';
import { resolveRetentionRange } from '../dates/retention-range.js';
import { type EpochMicros, toInstant } from '../dates/zoned-time.js';
import { DEFAULT_TOTAL_INTERVALS } from '../runners/retention.js';
import { TOTAL_VALUE_DISPLAYS } from '../runners/trends.js';
import type { InsightQuery } from '../schema/insight-query.js';

const RETENTION_INTERVALS = { Hour: 'hour', Day: 'day', Week: 'week', Month: 'month' } as const;

/** The interval and resolved range a query's cache rules look at (§7.3). */
export interface ResolvedPeriod {
  interval: Interval | 'second';
  from: EpochMicros;
  to: EpochMicros;
}

export function resolvedPeriod(query: InsightQuery, context: DateContext): ResolvedPeriod {
  if (query.kind === 'RetentionQuery') {
    const interval = RETENTION_INTERVALS[query.retentionFilter.period ?? 'Day'];
    const total = query.retentionFilter.totalIntervals ?? DEFAULT_TOTAL_INTERVALS;
    const range = resolveRetentionRange(query.dateRange, interval, total, context);
    return { interval, from: toInstant(range.dateFrom, range.timezone), to: toInstant(range.dateTo, range.timezone) };
  }
  let interval = (query.interval ?? 'day') as Interval | 'second';
  if (query.kind === 'TrendsQuery' && TOTAL_VALUE_DISPLAYS.has(query.trendsFilter?.display ?? '')) interval = 'day';
  const range = resolveDateRange(query.dateRange, interval === 'second' ? 'minute' : interval, context, {
    exactTimeRange: query.kind === 'TrendsQuery' && query.trendsFilter?.display === 'BoldNumber',
  });
  return { interval, from: toInstant(range.dateFrom, range.timezone), to: toInstant(range.dateTo, range.timezone) };
}
