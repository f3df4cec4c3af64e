const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date (and time of day) as shown to a reader, without any time zone attached. */
export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

export type BucketInterval = 'minute' | 'hour' | 'day' | 'week' | 'month';

/** `5 Jan 2025`: our own month names, because ICU's `en-GB` short September (`Sept`) changes between versions. */
function dayText(time: WallTime): string {
  return `${time.day} ${MONTHS[time.month - 1]} ${time.year}`;
}

function timeText(time: WallTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/**
 * Reads a bucket's `days` entry (`2025-01-05`, `2025-01-05 13:00:00`, `2025-01-05T13:00:00`). The engine already wrote
 * it in the insight's time zone, so it is read as wall time and never shifted again.
 */
export function parseBucketDay(day: unknown): WallTime | null {
  if (typeof day !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(day);
  if (!match) return null;
  const [, year, month, date, hour, minute] = match;
  const time = {
    year: Number(year),
    month: Number(month),
    day: Number(date),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
  };
  return time.month >= 1 && time.month <= 12 && time.day >= 1 && time.day <= 31 ? time : null;
}

/** How one bucket is named in a sentence: `12 Jan 2025`, `12 Jan 2025, 13:00`, `the week of 5 Jan 2025`, `Jan 2025`. */
export function describeBucket(time: WallTime, interval: BucketInterval): string {
  switch (interval) {
    case 'minute':
    case 'hour':
      return `${dayText(time)}, ${timeText(time)}`;
    case 'week':
      return `the week of ${dayText(time)}`;
    case 'month':
      return `${MONTHS[time.month - 1]} ${time.year}`;
    default:
      return dayText(time);
  }
}

/** The preposition a bucket takes: `on 12 Jan 2025`, `at 12 Jan 2025, 13:00`, `in the week of …`, `in Jan 2025`. */
export function bucketPreposition(interval: BucketInterval): 'on' | 'at' | 'in' {
  if (interval === 'minute' || interval === 'hour') return 'at';
  return interval === 'day' ? 'on' : 'in';
}

function formatterFor(timezone: string): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: timezone });
  } catch {
    // An unknown zone name must not break the text; UTC is what PostHog assumes for a team without one.
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
  }
}

/** An instant (`2025-01-08T00:00:00Z`, `2025-01-08T00:00:00+01:00`) as wall time in the insight's IANA time zone. */
export function wallTimeIn(instant: unknown, timezone: string): WallTime | null {
  if (typeof instant !== 'string') return null;
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return null;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
  };
}
