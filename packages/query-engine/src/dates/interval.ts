import {
  addDays,
  addHours,
  addMinutes,
  addMonths,
  type LocalDateTime,
  startOfDay,
  startOfHour,
  startOfMinute,
  startOfMonth,
  startOfWeek,
} from './local-date-time.js';

export type Interval = 'minute' | 'hour' | 'day' | 'week' | 'month';

/** The start of the bucket containing `local` (weeks start on Sunday or Monday). */
export function startOfInterval(local: LocalDateTime, interval: Interval, weekStartDay: 0 | 1): LocalDateTime {
  switch (interval) {
    case 'minute':
      return startOfMinute(local);
    case 'hour':
      return startOfHour(local);
    case 'day':
      return startOfDay(local);
    case 'week':
      return startOfWeek(local, weekStartDay);
    case 'month':
      return startOfMonth(local);
  }
}

export function addIntervals(local: LocalDateTime, interval: Interval, count: number): LocalDateTime {
  switch (interval) {
    case 'minute':
      return addMinutes(local, count);
    case 'hour':
      return addHours(local, count);
    case 'day':
      return addDays(local, count);
    case 'week':
      return addDays(local, 7 * count);
    case 'month':
      return addMonths(local, count);
  }
}
