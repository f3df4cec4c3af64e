import type { Interval } from '../dates/interval.js';
import { addDays, compareLocal, type LocalDateTime, sameDate, startOfDay } from '../dates/local-date-time.js';
import { formatDay } from './format-datetime.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const pad = (value: number) => String(value).padStart(2, '0');
const monthName = (local: LocalDateTime) => MONTHS[local.month - 1];
const EN_DASH = '\u2013';

/** `5-Jan-2025` */
function dayMonthYear(local: LocalDateTime): string {
  return `${local.day}-${monthName(local)}-${local.year}`;
}

/** The span of a week bucket, clipped to the query range: `5–11 Jan`, `29-Dec – 4-Jan`, `29-Dec-2024 – 4-Jan-2025`. */
function weekLabel(weekStart: LocalDateTime, rangeFrom: LocalDateTime, rangeTo: LocalDateTime): string {
  let start = startOfDay(weekStart);
  let end = addDays(start, 6);
  if (compareLocal(start, startOfDay(rangeFrom)) < 0) start = startOfDay(rangeFrom);
  if (compareLocal(end, startOfDay(rangeTo)) > 0) end = startOfDay(rangeTo);
  if (compareLocal(end, start) < 0) end = start;
  if (sameDate(start, end)) return dayMonthYear(start);
  if (start.year !== end.year) return `${dayMonthYear(start)} ${EN_DASH} ${dayMonthYear(end)}`;
  if (start.month !== end.month) {
    return `${start.day}-${monthName(start)} ${EN_DASH} ${end.day}-${monthName(end)}`;
  }
  return `${start.day}${EN_DASH}${end.day} ${monthName(end)}`;
}

/** The `labels[i]` string of a bucket (§1.6). */
export function bucketLabel(
  bucketStart: LocalDateTime,
  interval: Interval,
  range: { dateFrom: LocalDateTime; dateTo: LocalDateTime },
): string {
  switch (interval) {
    case 'minute':
    case 'hour':
      return `${bucketStart.day}-${monthName(bucketStart)} ${pad(bucketStart.hour)}:${pad(bucketStart.minute)}`;
    case 'day':
      return dayMonthYear(bucketStart);
    case 'week':
      return weekLabel(bucketStart, range.dateFrom, range.dateTo);
    case 'month':
      return `${monthName(bucketStart)} ${bucketStart.year}`;
  }
}

/** The `days[i]` string of a bucket (§1.6): the date, with the time for hour and minute buckets. */
export function bucketDay(bucketStart: LocalDateTime, interval: Interval): string {
  return formatDay(bucketStart, interval === 'hour' || interval === 'minute');
}
