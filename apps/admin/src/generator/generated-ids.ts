/**
 * Reproducible UUIDv7s for generated data (event uuids, `$session_id`s, anonymous distinct_ids, as posthog-js makes
 * them): the 48-bit millisecond of the instant they name, the version and variant, then 42 bits from the seeded
 * random source and a 32-bit counter. The counter makes every id of one run distinct whatever the random bits do;
 * the random bits keep runs with different seeds apart.
 */

import { formatUuidV7 } from '@insights/contracts';
import type { SeededRandom } from './seeded-random.js';

export class GeneratedIds {
  private issued = 0;

  constructor(private readonly random: SeededRandom) {}

  uuidV7(unixMs: number): string {
    const sequence = this.issued++ >>> 0;
    const bits = this.random.uint32();
    const moreBits = this.random.uint32();
    const ms = Math.max(0, Math.floor(unixMs));
    // 12 + 30 bits from the random source, then the counter as the last 32 bits.
    const randomBHigh = (((bits & 0xfffff) << 10) | (moreBits >>> 22)) >>> 0;
    return formatUuidV7(ms, (bits >>> 20) & 0xfff, randomBHigh, sequence);
  }

  /** An application user id (`user_` and 16 hex digits), unique within the run for the same reason. */
  userId(): string {
    const sequence = this.issued++ >>> 0;
    return `user_${this.random.uint32().toString(16).padStart(8, '0')}${sequence.toString(16).padStart(8, '0')}`;
  }
}
