import type { OracleInterval } from './date-rules.js';
import { fieldsOfWall, type Instant, instantAt, plusDays, type Wall } from './wall-clock.js';

const MONTH_NAMES = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** RFC 3339 in the zone: `Z` for zero offsets, microseconds only when present (§11). */
export function rfc3339(wall: Wall, zone: string): string {
  const at: Instant = instantAt(wall, zone);
  const f = fieldsOfWall(wall);
  // The reading's own fields, with the offset it is read with (a skipped reading keeps the offset before the jump).
  let text = `${f.year}-${two(f.month)}-${two(f.day)}T${two(f.hour)}:${two(f.minute)}:${two(f.second)}`;
  if (f.micro !== 0) text += `.${String(f.micro).padStart(6, '0')}`;
  const offsetMinutes = Math.round((wall - at) / 60_000_000);
  if (offsetMinutes === 0) return `${text}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  return `${text}${sign}${two(Math.floor(Math.abs(offsetMinutes) / 60))}:${two(Math.abs(offsetMinutes) % 60)}`;
}

export function dayString(wall: Wall, withTime: boolean): string {
  const f = fieldsOfWall(wall);
  const date = `${f.year}-${two(f.month)}-${two(f.day)}`;
  return withTime ? `${date} ${two(f.hour)}:${two(f.minute)}:${two(f.second)}` : date;
}

/** §1.6 labels, written out from the table. */
export function labelString(wall: Wall, interval: OracleInterval, rangeFrom: Wall, rangeTo: Wall): string {
  const f = fieldsOfWall(wall);
  const mon = MONTH_NAMES[f.month - 1];
  if (interval === 'hour' || interval === 'minute') return `${f.day}-${mon} ${two(f.hour)}:${two(f.minute)}`;
  if (interval === 'month') return `${mon} ${f.year}`;
  if (interval === 'day') return `${f.day}-${mon}-${f.year}`;
  const dayOnly = (w: Wall) => {
    const x = fieldsOfWall(w);
    return Date.UTC(x.year, x.month - 1, x.day);
  };
  let start = dayOnly(wall);
  let end = dayOnly(plusDays(wall, 6));
  start = Math.max(start, dayOnly(rangeFrom));
  end = Math.min(end, dayOnly(rangeTo));
  end = Math.max(end, start);
  const s = new Date(start);
  const e = new Date(end);
  const sd = s.getUTCDate();
  const ed = e.getUTCDate();
  const sm = MONTH_NAMES[s.getUTCMonth()];
  const em = MONTH_NAMES[e.getUTCMonth()];
  if (start === end) return `${sd}-${sm}-${s.getUTCFullYear()}`;
  if (s.getUTCFullYear() !== e.getUTCFullYear())
    return `${sd}-${sm}-${s.getUTCFullYear()} – ${ed}-${em}-${e.getUTCFullYear()}`;
  if (s.getUTCMonth() !== e.getUTCMonth()) return `${sd}-${sm} – ${ed}-${em}`;
  return `${sd}–${ed} ${em}`;
}
