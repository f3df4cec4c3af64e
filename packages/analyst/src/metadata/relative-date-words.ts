import { parseBucketDay } from '../text/format-date.js';

const UNITS: Record<string, [string, string]> = {
  M: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
  m: ['month', 'months'],
  q: ['quarter', 'quarters'],
  y: ['year', 'years'],
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A query's lower time bound in words: `-24h` → `in the last 24 hours`, `-1h` → `in the last hour`, `-7d` →
 * `in the last 7 days`, an absolute date → `since 5 Jan 2025`, `all` → `across all time`; null when unreadable.
 */
export function timeSinceWords(after: string | null | undefined): string | null {
  if (!after) return null;
  if (after === 'all') return 'across all time';
  const relative = /^-?(\d+)([MhdwmqyY])$/.exec(after);
  if (relative) {
    const count = Number(relative[1]);
    const unit = UNITS[relative[2] === 'Y' ? 'y' : relative[2]!];
    if (!unit) return null;
    return count === 1 ? `in the last ${unit[0]}` : `in the last ${count} ${unit[1]}`;
  }
  const date = parseBucketDay(after);
  return date ? `since ${date.day} ${MONTHS[date.month - 1]} ${date.year}` : null;
}

/** A query's upper time bound in words (`before 5 Jan 2025`), or null. */
export function timeBeforeWords(before: string | null | undefined): string | null {
  const date = parseBucketDay(before);
  return date ? `before ${date.day} ${MONTHS[date.month - 1]} ${date.year}` : null;
}
