import { fromWallClockMicros, type LocalDateTime, wallClockMicros } from './local-date-time.js';

/** An instant as microseconds since the Unix epoch (PostHog's datetimes carry microseconds; JS Dates do not). */
export type EpochMicros = number;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this IANA zone name. */
export function isKnownTimezone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/GMT', 'GMT', 'UCT', 'Etc/Zulu', 'Zulu', 'Universal']);
/** Offsets already computed: a query asks for the same instants (midnights, week starts) again and again. */
const knownOffsets = new Map<string, number>();
const MAX_KNOWN_OFFSETS = 50_000;

/** The zone's UTC offset at an instant, in milliseconds (positive east of Greenwich). */
function offsetMillisAt(epochMillis: number, timezone: string): number {
  if (UTC_ZONES.has(timezone)) return 0;
  const key = `${timezone}\u0000${epochMillis}`;
  let offset = knownOffsets.get(key);
  if (offset === undefined) {
    if (knownOffsets.size >= MAX_KNOWN_OFFSETS) knownOffsets.clear();
    offset = computeOffsetMillisAt(epochMillis, timezone);
    knownOffsets.set(key, offset);
  }
  return offset;
}

/** Formatting is the only way Intl tells a zone's offset, and much the slowest part of date arithmetic. */
function computeOffsetMillisAt(epochMillis: number, timezone: string): number {
  const parts = formatterFor(timezone).formatToParts(new Date(epochMillis));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  const flooredToSecond = Math.floor(epochMillis / 1000) * 1000;
  return asUtc - flooredToSecond;
}

export function offsetSecondsAt(instant: EpochMicros, timezone: string): number {
  return offsetMillisAt(Math.floor(instant / 1000), timezone) / 1000;
}

export function toLocal(instant: EpochMicros, timezone: string): LocalDateTime {
  return fromWallClockMicros(instant + offsetSecondsAt(instant, timezone) * 1_000_000);
}

/**
 * The instant of a wall-clock time in a zone. Like Python's zoneinfo with fold=0: an ambiguous time (the repeated
 * hour when clocks go back) takes its first occurrence, a skipped time (clocks go forward) is read with the offset in
 * force before the change, which lands it just after the gap.
 */
export function toInstant(local: LocalDateTime, timezone: string): EpochMicros {
  const wallMicros = wallClockMicros(local);
  const wallMillis = Math.floor(wallMicros / 1000);
  const offsetBefore = offsetMillisAt(wallMillis - 86_400_000, timezone);
  const offsetAfter = offsetMillisAt(wallMillis + 86_400_000, timezone);
  for (const offset of [offsetBefore, offsetAfter]) {
    if (offsetMillisAt(wallMillis - offset, timezone) === offset) return wallMicros - offset * 1000;
  }
  return wallMicros - offsetBefore * 1000;
}

export function epochMicrosOf(date: Date): EpochMicros {
  return date.getTime() * 1000;
}
