import { type LocalDateTime, wallClockMicros } from '../dates/local-date-time.js';
import { type EpochMicros, offsetSecondsAt, toInstant, toLocal } from '../dates/zoned-time.js';

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/**
 * An instant as PostHog's JSON renderer (orjson, `OPT_UTC_Z`) prints a zone-aware datetime: local time in the project
 * zone, microseconds only when non-zero, `Z` for a zero offset, `+01:00`-style otherwise (§11).
 */
export function formatInstant(instant: EpochMicros, timezone: string): string {
  return formatWithOffset(toLocal(instant, timezone), Math.round(offsetSecondsAt(instant, timezone) / 60));
}

/**
 * A project-zone wall-clock time with the offset it is read with. Python prints a datetime's own wall fields, so a
 * time skipped by a spring-forward keeps its fields and the offset before the change (fold=0).
 */
export function formatLocal(local: LocalDateTime, timezone: string): string {
  const offsetMinutes = Math.round((wallClockMicros(local) - toInstant(local, timezone)) / 60_000_000);
  return formatWithOffset(local, offsetMinutes);
}

function formatWithOffset(local: LocalDateTime, offsetMinutes: number): string {
  const fraction = local.microsecond ? `.${pad(local.microsecond, 6)}` : '';
  const body = `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}${fraction}`;
  if (offsetMinutes === 0) return `${body}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${body}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` with `withTime` (the `days` strings of hourly results). */
export function formatDay(local: LocalDateTime, withTime: boolean): string {
  const date = `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
  return withTime ? `${date} ${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}` : date;
}
