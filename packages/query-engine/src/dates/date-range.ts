import { addIntervals, type Interval, startOfInterval } from './interval.js';
import {
  compareLocal,
  endOfDay,
  endOfHour,
  endOfMinute,
  fromWallClockMicros,
  type LocalDateTime,
  startOfDay,
  startOfHour,
  startOfMinute,
  startOfMonth,
  wallClockMicros,
} from './local-date-time.js';
import { type DeltaMapping, parseDate, shiftByRelativeDate } from './relative-date.js';
import { type EpochMicros, toInstant, toLocal } from './zoned-time.js';

export interface DateRangeInput {
  date_from?: string | null;
  date_to?: string | null;
  explicitDate?: boolean | null;
}

export interface DateContext {
  timezone: string;
  weekStartDay: 0 | 1;
  now: EpochMicros;
  /** The earliest relevant event, needed only when `date_from` is `"all"`. */
  earliestTimestamp?: EpochMicros | null;
}

/** One resolved period of a query: everything a runner needs to filter and bucket by time (§1.5). */
export interface ResolvedDateRange {
  interval: Interval;
  timezone: string;
  weekStartDay: 0 | 1;
  /** `date_from()` as PostHog reports it (resolved_date_range, filter echo, week-label clipping). */
  dateFrom: LocalDateTime;
  /** `date_to()`: the inclusive upper bound of the time filter. */
  dateTo: LocalDateTime;
  /** The inclusive lower bound of the trends/stickiness time filter. */
  filterFrom: LocalDateTime;
  /** PostHog's `use_start_of_interval`: whether `filterFrom` is `dateFrom` cut to the start of its interval. */
  useStartOfInterval: boolean;
  /** Bucket starts, aligned to the interval, from `dateFrom` while `≤ dateTo`. */
  buckets: LocalDateTime[];
}

export const DEFAULT_DATE_FROM_DAYS = 7;

interface ResolveOptions {
  /** BoldNumber's exact time range: missing `date_to` is exactly now and a relative `date_from` is not truncated. */
  exactTimeRange?: boolean;
}

function isSubDaily(interval: Interval): boolean {
  return interval === 'hour' || interval === 'minute';
}

function resolveDateTo(
  input: DateRangeInput | null | undefined,
  interval: Interval,
  context: DateContext,
  exact: boolean,
) {
  const nowLocal = toLocal(context.now, context.timezone);
  const explicit = Boolean(input?.explicitDate);
  if (!input?.date_to) {
    if (explicit || exact) return nowLocal;
    return widenDateTo(nowLocal, interval, true);
  }
  const parsed = parseDate(input.date_to, context.timezone, context.now, { alwaysTruncate: true });
  if (explicit) return parsed.local;
  return widenDateTo(parsed.local, interval, parsed.deltaMapping !== null);
}

function widenDateTo(local: LocalDateTime, interval: Interval, isRelative: boolean): LocalDateTime {
  if (!isSubDaily(interval)) return endOfDay(local);
  if (interval === 'minute') return endOfMinute(local);
  return isRelative ? endOfHour(local) : local;
}

function resolveDateFrom(
  input: DateRangeInput | null | undefined,
  context: DateContext,
  exact: boolean,
): { local: LocalDateTime; deltaMapping: DeltaMapping | null; isAll: boolean; isMissing: boolean } {
  const nowLocal = toLocal(context.now, context.timezone);
  const dateFrom = input?.date_from;
  if (!dateFrom) {
    const local = fromWallClockMicros(wallClockMicros(startOfDay(nowLocal)) - DEFAULT_DATE_FROM_DAYS * 86_400_000_000);
    return { local, deltaMapping: null, isAll: false, isMissing: true };
  }
  if (dateFrom === 'all') {
    const earliest = context.earliestTimestamp ?? null;
    const local =
      earliest === null
        ? fromWallClockMicros(wallClockMicros(nowLocal) - DEFAULT_DATE_FROM_DAYS * 86_400_000_000)
        : toLocal(earliest, context.timezone);
    return { local, deltaMapping: null, isAll: true, isMissing: false };
  }
  const parsed = parseDate(dateFrom, context.timezone, context.now, { alwaysTruncate: !exact });
  return { local: parsed.local, deltaMapping: parsed.deltaMapping, isAll: false, isMissing: false };
}

/** Truncation used for the SQL lower bound: weeks start at 00:00 of the day itself, not at the week start. */
function startOfFilterInterval(local: LocalDateTime, interval: Interval): LocalDateTime {
  switch (interval) {
    case 'minute':
      return startOfMinute(local);
    case 'hour':
      return startOfHour(local);
    case 'day':
    case 'week':
      return startOfDay(local);
    case 'month':
      return startOfMonth(local);
  }
}

export function bucketStarts(
  dateFrom: LocalDateTime,
  dateTo: LocalDateTime,
  interval: Interval,
  weekStartDay: 0 | 1,
): LocalDateTime[] {
  const buckets: LocalDateTime[] = [];
  const first = startOfInterval(dateFrom, interval, weekStartDay);
  for (let index = 0; ; index++) {
    const start = addIntervals(first, interval, index);
    if (compareLocal(start, dateTo) > 0) break;
    buckets.push(start);
  }
  return buckets;
}

/**
 * Resolves a query's `dateRange` for one interval (§1.4, §1.5): `-7d` daily gives 8 buckets, a missing `date_to`
 * is the end of today, weekly buckets start on the project's week start day.
 */
export function resolveDateRange(
  input: DateRangeInput | null | undefined,
  interval: Interval,
  context: DateContext,
  options: ResolveOptions = {},
): ResolvedDateRange {
  const exact = Boolean(options.exactTimeRange);
  const from = resolveDateFrom(input, context, exact);
  const dateTo = resolveDateTo(input, interval, context, exact);
  const useStartOfInterval = usesStartOfInterval(input, from, interval, exact);
  return {
    interval,
    timezone: context.timezone,
    weekStartDay: context.weekStartDay,
    dateFrom: from.local,
    dateTo,
    filterFrom: useStartOfInterval ? startOfFilterInterval(from.local, interval) : from.local,
    useStartOfInterval,
    buckets: bucketStarts(from.local, dateTo, interval, context.weekStartDay),
  };
}

function usesStartOfInterval(
  input: DateRangeInput | null | undefined,
  from: { deltaMapping: DeltaMapping | null; isAll: boolean; isMissing: boolean },
  interval: Interval,
  exact: boolean,
): boolean {
  if (input?.explicitDate || exact) return false;
  if (from.deltaMapping === null || from.isAll || from.isMissing) return true;
  if (isSubDaily(interval)) return false;
  return !(interval === 'day' && from.deltaMapping.hours !== undefined);
}

/**
 * The previous period for `compareFilter` (§1.8, `get_compare_period_dates`), or the period shifted by `compare_to`.
 * Differences are taken on the wall clock, as Python does for datetimes sharing a tzinfo.
 */
export function resolvePreviousDateRange(
  input: DateRangeInput | null | undefined,
  current: ResolvedDateRange,
  context: DateContext,
  compareTo: string | null | undefined,
): ResolvedDateRange {
  const { interval } = current;
  const diff = wallClockMicros(current.dateTo) - wallClockMicros(current.dateFrom);
  let previousFrom: LocalDateTime;
  let previousTo: LocalDateTime;
  if (compareTo) {
    previousFrom = shiftByRelativeDate(current.dateFrom, compareTo);
    previousTo = fromWallClockMicros(wallClockMicros(previousFrom) + diff);
  } else {
    previousFrom = fromWallClockMicros(wallClockMicros(current.dateFrom) - diff);
    previousTo = current.dateFrom;
    if (interval === 'hour') {
      previousFrom = withTimeOf(previousFrom, current.dateFrom);
      previousTo = withTimeOf(fromWallClockMicros(wallClockMicros(previousFrom) + diff), current.dateTo, true);
    } else if (interval !== 'minute') {
      previousFrom = withTimeOf(previousFrom, current.dateFrom);
      const fromMapping = input?.date_from
        ? parseDate(input.date_from, context.timezone, context.now, { alwaysTruncate: true }).deltaMapping
        : null;
      const toIsRelative = input?.date_to
        ? parseDate(input.date_to, context.timezone, context.now, { alwaysTruncate: true }).deltaMapping !== null
        : false;
      if (interval === 'day' && fromMapping?.days && fromMapping.days % 7 === 0 && !toIsRelative) {
        // PostHog's kludge: "-7d" spans 8 days, so week-over-week comparisons shift the previous period by one day.
        previousFrom = fromWallClockMicros(wallClockMicros(previousFrom) + 86_400_000_000);
      }
      previousTo = withTimeOf(fromWallClockMicros(wallClockMicros(previousFrom) + diff), current.dateTo);
    }
  }
  return {
    ...current,
    dateFrom: previousFrom,
    dateTo: previousTo,
    filterFrom: current.useStartOfInterval ? startOfFilterInterval(previousFrom, interval) : previousFrom,
    buckets: bucketStarts(previousFrom, previousTo, interval, current.weekStartDay),
  };
}

function withTimeOf(target: LocalDateTime, source: LocalDateTime, minutesOnly = false): LocalDateTime {
  if (minutesOnly) return { ...target, minute: source.minute, second: source.second, microsecond: source.microsecond };
  return {
    ...target,
    hour: source.hour,
    minute: source.minute,
    second: source.second,
    microsecond: source.microsecond,
  };
}

export function instantOf(local: LocalDateTime, timezone: string): EpochMicros {
  return toInstant(local, timezone);
}
