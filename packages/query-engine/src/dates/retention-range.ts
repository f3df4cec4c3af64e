import { type DateContext, type DateRangeInput, resolveDateRange } from './date-range.js';
import { addIntervals, type Interval, startOfInterval } from './interval.js';
import { compareLocal, type LocalDateTime } from './local-date-time.js';

export interface RetentionRange {
  interval: Interval;
  timezone: string;
  /** Start of the first cohort interval (inclusive). */
  dateFrom: LocalDateTime;
  /** Start of the interval after the last cohort (exclusive end of every event filter). */
  dateTo: LocalDateTime;
  /** One start per cohort interval, from `dateFrom` up to (excluding) `dateTo`. */
  intervalStarts: LocalDateTime[];
}

/**
 * Retention's range (§4.2): the exclusive end is the start of the interval containing (resolved `date_to` + one
 * interval); the start is the given `date_from` cut to its interval, or `totalIntervals` intervals before the end.
 */
export function resolveRetentionRange(
  input: DateRangeInput | null | undefined,
  interval: Interval,
  totalIntervals: number,
  context: DateContext,
): RetentionRange {
  const resolved = resolveDateRange(input, interval, context);
  const dateTo = startOfInterval(addIntervals(resolved.dateTo, interval, 1), interval, context.weekStartDay);
  const dateFrom = input?.date_from
    ? startOfInterval(resolved.dateFrom, interval, context.weekStartDay)
    : addIntervals(dateTo, interval, -totalIntervals);
  const intervalStarts: LocalDateTime[] = [];
  for (let index = 0; ; index++) {
    const start = addIntervals(dateFrom, interval, index);
    if (compareLocal(start, dateTo) >= 0) break;
    intervalStarts.push(start);
  }
  return { interval, timezone: context.timezone, dateFrom, dateTo, intervalStarts };
}
