import { formatPercent } from '../text/format-number.js';

/** A before/after pair; `percent` is null when the earlier value is 0 and a percentage would divide by zero. */
export interface Change {
  current: number;
  previous: number;
  percent: number | null;
}

export function changeBetween(current: number, previous: number): Change {
  return { current, previous, percent: previous === 0 ? null : ((current - previous) / previous) * 100 };
}

/** `up 25.0%`, `down 10.0%`, `unchanged` (below 0.05%), `up from zero`, `unchanged at zero`. */
export function changeWords(change: Change): string {
  if (change.percent === null) return change.current === 0 ? 'unchanged at zero' : 'up from zero';
  const size = Math.abs(change.percent);
  if (size < 0.05) return 'unchanged';
  return `${change.percent > 0 ? 'up' : 'down'} ${formatPercent(size)}`;
}

/**
 * The two halves of a run of buckets: the first `floor(n / 2)` and the last `floor(n / 2)`. With an odd count the
 * middle bucket belongs to neither, so both halves always cover the same number of buckets. Null below two buckets:
 * one bucket cannot show a change.
 */
export function splitHalves(values: readonly number[]): { first: number[]; second: number[] } | null {
  if (values.length < 2) return null;
  const size = Math.floor(values.length / 2);
  return { first: values.slice(0, size), second: values.slice(values.length - size) };
}
