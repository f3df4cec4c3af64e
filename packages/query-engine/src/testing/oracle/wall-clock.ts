// The oracle's own calendar code: deliberately independent of the engine's `dates/` and `labels/`.

/** Calendar fields of a wall-clock reading. */
export interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
}

/** Wall-clock readings are kept as "microseconds if this reading were UTC", which makes them sortable numbers. */
export type Wall = number;
/** Instants are microseconds since the epoch. */
export type Instant = number;

const US_PER_MS = 1000;
export const US_PER_DAY = 86_400_000_000;

export function wallFromFields(f: Fields): Wall {
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) * US_PER_MS + f.micro;
}

export function fieldsOfWall(wall: Wall): Fields {
  const micro = ((wall % 1_000_000) + 1_000_000) % 1_000_000;
  const date = new Date((wall - micro) / US_PER_MS);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    micro,
  };
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = partsFormatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(zone, found);
  }
  return found;
}

/** The wall clock of a zone at an instant. */
export function wallAt(instant: Instant, zone: string): Wall {
  const micro = ((instant % 1_000_000) + 1_000_000) % 1_000_000;
  const values: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date((instant - micro) / US_PER_MS))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return wallFromFields({
    year: values.year!,
    month: values.month!,
    day: values.day!,
    hour: values.hour!,
    minute: values.minute!,
    second: values.second!,
    micro,
  });
}

/** UTC offset (µs) of a zone at an instant. */
export function offsetAt(instant: Instant, zone: string): number {
  return wallAt(instant, zone) - instant;
}

/**
 * The instant a wall-clock reading denotes. Ambiguous readings take the earlier instant; readings skipped by a
 * spring-forward are read with the offset in force before the jump (Python zoneinfo, fold=0).
 */
export function instantAt(wall: Wall, zone: string): Instant {
  const before = offsetAt(wall - US_PER_DAY, zone);
  const after = offsetAt(wall + US_PER_DAY, zone);
  const candidates = [before, after].sort((a, b) => b - a);
  for (const offset of candidates) {
    if (wallAt(wall - offset, zone) === wall) return wall - offset;
  }
  return wall - before;
}

export function daysIn(year: number, month: number): number {
  return [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ][month - 1]!;
}

export function plusMonths(wall: Wall, months: number): Wall {
  const f = fieldsOfWall(wall);
  const total = f.year * 12 + f.month - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return wallFromFields({ ...f, year, month, day: Math.min(f.day, daysIn(year, month)) });
}

export function plusDays(wall: Wall, days: number): Wall {
  return wall + days * US_PER_DAY;
}

export function midnight(wall: Wall): Wall {
  const f = fieldsOfWall(wall);
  return wallFromFields({ ...f, hour: 0, minute: 0, second: 0, micro: 0 });
}

export function weekday(wall: Wall): number {
  return new Date(Math.floor(wall / US_PER_MS)).getUTCDay();
}
