/**
 * A date a client wrote (an event's `timestamp`, a batch's `sent_at`), read the way PostHog's Rust capture reads it
 * (`parse_date` in `common/types/src/timestamp.rs`): RFC 3339 and ISO 8601 with or without a zone, `+03` for `+03:00`,
 * a space for the `T`, a date alone; digits alone as epoch seconds (up to 11 digits) or milliseconds; an RFC 2822 date
 * with its zone. A date without a zone is UTC (never the server's local time). Anything else is no date.
 */

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const EPOCH_DIGITS = /^\d{1,16}$/;
const RFC_2822_WITH_ZONE =
  /^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC|UT|Z)$/;

export function parseClientDate(text: string): Date | undefined {
  const trimmed = text.trim();
  const iso = ISO_DATE_TIME.exec(trimmed);
  if (iso) return isoDate(iso);
  if (EPOCH_DIGITS.test(trimmed)) {
    // Django's capture made the same guess: more than 11 digits cannot be seconds before the year 5138.
    const epochMs = trimmed.length > 11 ? Number(trimmed) : Number(trimmed) * 1000;
    return validDate(epochMs);
  }
  if (RFC_2822_WITH_ZONE.test(trimmed)) return validDate(Date.parse(trimmed));
  return undefined;
}

function isoDate(match: RegExpExecArray): Date | undefined {
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = fields;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;

  // setUTCFullYear, because Date.UTC reads the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  // A 31 February rolls over into March: no such day.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  date.setUTCHours(h, mi, Math.min(s, 59), Math.floor(Number(`0.${fraction || '0'}`) * 1000));
  return validDate(date.getTime() - zoneOffsetMinutes(zone) * 60_000);
}

function zoneOffsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return sign * (hours * 60 + minutes);
}

function validDate(epochMs: number): Date | undefined {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
