import { formatNumber } from './format-number.js';
import { countPhrase } from './pluralize.js';

/** Seconds as the largest unit that keeps the number readable: `45 seconds`, `2.5 minutes`, `1.2 hours`, `3 days`. */
export function formatDuration(seconds: number): string {
  const units: Array<[number, string]> = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size) return countPhrase(formatNumber(seconds / size), unit);
  }
  return countPhrase(formatNumber(seconds), 'second');
}
