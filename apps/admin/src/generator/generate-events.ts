/**
 * Realistic product traffic for `admin events generate`: exactly `count` events over the `days` before `now`, in
 * batches, the same for the same seed and now (uuids included).
 *
 * People are drawn one after the other, each with a first visit anywhere in the window or in the fortnight before it
 * (busy hours and weekdays more likely) and everything they do after it until now (`person-journey.ts`); their events
 * within the window are appended until there are `count`. Since each person's start is drawn over the whole span,
 * stopping at any count leaves the traffic spread over the window. Memory holds one batch and one person at a time.
 */

import type { GeneratedEvent } from './generated-event.js';
import { GeneratedIds } from './generated-ids.js';
import { personJourney } from './person-journey.js';
import { type Seed, SeededRandom } from './seeded-random.js';

export type GenerateEventsOptions = {
  count: number;
  /** How far back the traffic reaches; 30 by default. */
  days?: number;
  seed: Seed;
  /** The end of the window (exclusive): no event is at or after it. */
  now: Date;
  /** Events per yielded batch, the last one possibly shorter; 5,000 by default. */
  batchSize?: number;
};

export const DEFAULT_DAYS = 30;
export const DEFAULT_BATCH_SIZE = 5_000;
const MS_PER_DAY = 86_400_000;
/** Long enough for the returning visitors of people who came before the window to reach their steady share. */
export const HISTORY_DAYS_BEFORE_WINDOW = 14;

export function* generateEvents(options: GenerateEventsOptions): Generator<GeneratedEvent[], void, undefined> {
  const { count, seed, now } = options;
  const days = options.days ?? DEFAULT_DAYS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number ≥ 0 (got ${count})`);
  if (!(days > 0)) throw new RangeError(`days must be positive (got ${days})`);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be ≥ 1 (got ${batchSize})`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');

  const random = new SeededRandom(seed);
  const ids = new GeneratedIds(random);
  const windowStartMs = now.getTime() - days * MS_PER_DAY;
  const window = {
    historyStartMs: windowStartMs - HISTORY_DAYS_BEFORE_WINDOW * MS_PER_DAY,
    windowStartMs,
    nowMs: now.getTime(),
  };

  let remaining = count;
  let batch: GeneratedEvent[] = [];
  for (let serial = 0; remaining > 0; serial++) {
    for (const event of personJourney(random, ids, serial, window)) {
      batch.push(event);
      remaining--;
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
      if (remaining === 0) break;
    }
  }
  if (batch.length > 0) yield batch;
}
