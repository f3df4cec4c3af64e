/**
 * A wall-clock time with microsecond precision and no zone. PostHog does every date computation on timezone-aware
 * Python datetimes, whose arithmetic (timedelta, relativedelta) moves the wall clock and re-derives the offset; doing
 * the same arithmetic here on wall-clock values, and converting to instants only at the end, reproduces it.
 */
export interface LocalDateTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

export function localDateTime(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  microsecond = 0,
) {
  return normalize({ year, month, day, hour, minute, second, microsecond });
}

/** Microseconds since the epoch of this wall-clock reading taken as if it were UTC (a zone-free ordinal). */
export function wallClockMicros(local: LocalDateTime): number {
  const millis = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return millis * 1000 + local.microsecond;
}

export function fromWallClockMicros(micros: number): LocalDateTime {
  const microsecond = ((micros % MICROS_PER_SECOND) + MICROS_PER_SECOND) % MICROS_PER_SECOND;
  const date = new Date((micros - microsecond) / 1000);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    microsecond,
  };
}

function normalize(local: LocalDateTime): LocalDateTime {
  return fromWallClockMicros(wallClockMicros(local));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addMicros(local: LocalDateTime, micros: number): LocalDateTime {
  return fromWallClockMicros(wallClockMicros(local) + micros);
}

export function addSeconds(local: LocalDateTime, seconds: number): LocalDateTime {
  return addMicros(local, seconds * MICROS_PER_SECOND);
}

export function addMinutes(local: LocalDateTime, minutes: number): LocalDateTime {
  return addSeconds(local, minutes * 60);
}

export function addHours(local: LocalDateTime, hours: number): LocalDateTime {
  return addSeconds(local, hours * 3600);
}

export function addDays(local: LocalDateTime, days: number): LocalDateTime {
  return addMicros(local, days * MICROS_PER_DAY);
}

/** Calendar months, clamping the day to the target month's length (dateutil's relativedelta). */
export function addMonths(local: LocalDateTime, months: number): LocalDateTime {
  const index = local.year * 12 + (local.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { ...local, year, month, day: Math.min(local.day, daysInMonth(year, month)) };
}

export function addYears(local: LocalDateTime, years: number): LocalDateTime {
  return addMonths(local, years * 12);
}

/** 0 = Sunday … 6 = Saturday */
export function dayOfWeek(local: LocalDateTime): number {
  return new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
}

export function startOfDay(local: LocalDateTime): LocalDateTime {
  return { ...local, hour: 0, minute: 0, second: 0, microsecond: 0 };
}

export function endOfDay(local: LocalDateTime): LocalDateTime {
  return { ...local, hour: 23, minute: 59, second: 59, microsecond: 999_999 };
}

export function startOfHour(local: LocalDateTime): LocalDateTime {
  return { ...local, minute: 0, second: 0, microsecond: 0 };
}

export function endOfHour(local: LocalDateTime): LocalDateTime {
  return { ...local, minute: 59, second: 59, microsecond: 999_999 };
}

export function startOfMinute(local: LocalDateTime): LocalDateTime {
  return { ...local, second: 0, microsecond: 0 };
}

export function endOfMinute(local: LocalDateTime): LocalDateTime {
  return { ...local, second: 59, microsecond: 999_999 };
}

export function startOfMonth(local: LocalDateTime): LocalDateTime {
  return { ...startOfDay(local), day: 1 };
}

/** The first day (00:00) of the week containing `local`; weeks start on Sunday (0) or Monday (1). */
export function startOfWeek(local: LocalDateTime, weekStartDay: 0 | 1): LocalDateTime {
  const offset = (dayOfWeek(local) - weekStartDay + 7) % 7;
  return addDays(startOfDay(local), -offset);
}

export function compareLocal(a: LocalDateTime, b: LocalDateTime): number {
  return wallClockMicros(a) - wallClockMicros(b);
}

export function sameDate(a: LocalDateTime, b: LocalDateTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}
