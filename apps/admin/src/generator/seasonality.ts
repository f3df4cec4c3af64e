/**
 * When people use the product: fewer visits at night and at weekends. The weights are relative activity per UTC hour
 * and per UTC weekday (traffic mostly from Europe and the Americas); instants are drawn by rejection against them, so
 * the generated traffic follows them in proportion.
 */

import type { SeededRandom } from './seeded-random.js';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Index 0 is 00:00–01:00 UTC. */
export const HOURLY_ACTIVITY = [
  0.3, 0.22, 0.16, 0.13, 0.12, 0.14, 0.22, 0.38, 0.58, 0.78, 0.92, 0.98, 1, 1, 1, 1, 0.97, 0.92, 0.86, 0.78, 0.68, 0.58,
  0.48, 0.38,
] as const;

/** Index 0 is Sunday, as `getUTCDay()`. */
export const WEEKDAY_ACTIVITY = [0.55, 1, 1, 1, 0.97, 0.9, 0.6] as const;

const HIGHEST_ACTIVITY = Math.max(...HOURLY_ACTIVITY) * Math.max(...WEEKDAY_ACTIVITY);
const MAX_REJECTIONS = 64;

export function weekdayOf(unixMs: number): number {
  // 1970-01-01 was a Thursday.
  return (Math.floor(unixMs / MS_PER_DAY) + 4) % 7;
}

export function hourOf(unixMs: number): number {
  return Math.floor((((unixMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_HOUR);
}

export function activityAt(unixMs: number): number {
  return HOURLY_ACTIVITY[hourOf(unixMs)]! * WEEKDAY_ACTIVITY[weekdayOf(unixMs)]!;
}

/** Whether someone would be active at this instant, by the activity weights. */
export function acceptsActivityAt(random: SeededRandom, unixMs: number): boolean {
  return random.next() * HIGHEST_ACTIVITY < activityAt(unixMs);
}

/** An instant in [fromMs, toMs), busy hours and weekdays more likely than quiet ones. */
export function activeInstantBetween(random: SeededRandom, fromMs: number, toMs: number): number {
  let instant = random.between(fromMs, toMs);
  for (let attempt = 0; attempt < MAX_REJECTIONS && !acceptsActivityAt(random, instant); attempt++) {
    instant = random.between(fromMs, toMs);
  }
  return Math.floor(instant);
}
