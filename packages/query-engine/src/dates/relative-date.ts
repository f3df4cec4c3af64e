import {
  addDays,
  addHours,
  addMinutes,
  addSeconds,
  daysInMonth,
  type LocalDateTime,
  startOfDay,
  startOfHour,
} from './local-date-time.js';
import { type EpochMicros, toInstant, toLocal } from './zoned-time.js';

/**
 * dateutil's relativedelta as PostHog builds it from a relative date string: absolute fields replace, relative
 * fields move the wall clock. Subtracting keeps the absolute fields and negates the relative ones.
 */
export interface DeltaMapping {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  microsecond?: number;
}

export interface ParsedDate {
  local: LocalDateTime;
  /** null for an absolute date; the (possibly empty) delta for a relative one. */
  deltaMapping: DeltaMapping | null;
}

const ABSOLUTE_DATE =
  /^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,6})\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?\s*$/;
const RELATIVE_DATE = /-?(?<number>[0-9]+)?(?<kind>[a-zA-Z])(?<position>Start|End)?/;

function parseOffsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

/** An ISO date or datetime (`2025-01-31`, `2025-1-5`, `2025-01-31T10:00`, `2025-01-31 10:00:00+01:00`), else null. */
export function parseAbsoluteDate(input: string, timezone: string): LocalDateTime | null {
  const match = ABSOLUTE_DATE.exec(input);
  if (!match) return null;
  const [, year, month = '1', day = '1', hour = '0', minute = '0', second = '0', fraction = '', offset] = match;
  const monthNumber = Number(month);
  const dayNumber = Number(day);
  if (monthNumber < 1 || monthNumber > 12) return null;
  if (dayNumber < 1 || dayNumber > daysInMonth(Number(year), monthNumber)) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const local: LocalDateTime = {
    year: Number(year),
    month: monthNumber,
    day: dayNumber,
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    microsecond: fraction ? Number(fraction.padEnd(6, '0')) : 0,
  };
  if (offset === undefined) return local;
  // A datetime with its own offset is an instant: read it in the project's zone.
  const asUtc = addMinutes(local, -parseOffsetMinutes(offset));
  return toLocal(toInstant(asUtc, 'UTC'), timezone);
}

function deltaMappingFor(kind: string, number: number | null, position: string | undefined): DeltaMapping {
  const mapping: DeltaMapping = {};
  switch (kind) {
    case 'h':
      if (number !== null) mapping.hours = number;
      if (position === 'Start') Object.assign(mapping, { minute: 0, second: 0, microsecond: 0 });
      else if (position === 'End') Object.assign(mapping, { minute: 59, second: 59, microsecond: 999_999 });
      break;
    case 'd':
      if (number !== null) mapping.days = number;
      if (position === 'Start') Object.assign(mapping, { hour: 0, minute: 0, second: 0, microsecond: 0 });
      else if (position === 'End') Object.assign(mapping, { hour: 23, minute: 59, second: 59, microsecond: 999_999 });
      break;
    case 'w':
      if (number !== null) mapping.weeks = number;
      break;
    case 'm':
      if (number !== null) mapping.months = number;
      if (position === 'Start') mapping.day = 1;
      else if (position === 'End') mapping.day = 31;
      break;
    case 'q':
      if (number !== null) mapping.weeks = 13 * number;
      break;
    case 'y':
      if (number !== null) mapping.years = number;
      if (position === 'Start') Object.assign(mapping, { month: 1, day: 1 });
      else if (position === 'End') Object.assign(mapping, { month: 12, day: 31 });
      break;
    case 'M':
      if (number !== null) mapping.minutes = number;
      break;
    case 's':
      if (number !== null) mapping.seconds = number;
      break;
  }
  return mapping;
}

/** `local − relativedelta(**mapping)` (or `+` with sign 1), following dateutil's order of operations. */
export function applyDeltaMapping(local: LocalDateTime, mapping: DeltaMapping, sign: 1 | -1 = -1): LocalDateTime {
  const months = sign * ((mapping.years ?? 0) * 12 + (mapping.months ?? 0));
  const monthIndex = local.year * 12 + ((mapping.month ?? local.month) - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const day = Math.min(daysInMonth(year, month), mapping.day ?? local.day);
  let result: LocalDateTime = {
    year,
    month,
    day,
    hour: mapping.hour ?? local.hour,
    minute: mapping.minute ?? local.minute,
    second: mapping.second ?? local.second,
    microsecond: mapping.microsecond ?? local.microsecond,
  };
  result = addDays(result, sign * ((mapping.weeks ?? 0) * 7 + (mapping.days ?? 0)));
  result = addHours(result, sign * (mapping.hours ?? 0));
  result = addMinutes(result, sign * (mapping.minutes ?? 0));
  return addSeconds(result, sign * (mapping.seconds ?? 0));
}

/**
 * PostHog's `relative_date_parse_with_delta_mapping` (§1.4): an absolute date in the project's zone, or a relative
 * one (`-7d`, `-24h`, `mStart`, `-1dEnd`…) subtracted from `now`. With `alwaysTruncate`, a relative result is cut to
 * the start of its hour (hour deltas) or day (everything else).
 */
export function parseDate(
  input: string,
  timezone: string,
  now: EpochMicros,
  options: { alwaysTruncate: boolean },
): ParsedDate {
  const absolute = parseAbsoluteDate(input, timezone);
  if (absolute) return { local: absolute, deltaMapping: null };

  const nowLocal = toLocal(now, timezone);
  const match = RELATIVE_DATE.exec(input);
  const mapping = match?.groups
    ? deltaMappingFor(
        match.groups.kind ?? '',
        match.groups.number === undefined ? null : Number(match.groups.number),
        match.groups.position,
      )
    : {};
  let local = applyDeltaMapping(nowLocal, mapping, -1);
  if (options.alwaysTruncate) local = mapping.hours !== undefined ? startOfHour(local) : startOfDay(local);
  return { local, deltaMapping: mapping };
}

/** `local + relativedelta` for a relative string used as a shift (compare_to): no truncation. */
export function shiftByRelativeDate(local: LocalDateTime, input: string): LocalDateTime {
  const match = RELATIVE_DATE.exec(input);
  if (!match?.groups) return local;
  const mapping = deltaMappingFor(
    match.groups.kind ?? '',
    match.groups.number === undefined ? null : Number(match.groups.number),
    match.groups.position,
  );
  return applyDeltaMapping(local, mapping, -1);
}
