/**
 * Reproducible UUIDv7s for generated data (event uuids, `$session_id`s, anonymous distinct_ids, as posthog-js makes
 * them): the 48-bit millisecond of the instant they name, the version and variant, then 42 bits from the seeded
 * random source and a 32-bit counter. The counter makes every id of one run distinct whatever the random bits do;
 * the random bits keep runs with different seeds apart.
 */

import type { SeededRandom } from './seeded-random.js';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const TWO_POW_32 = 2 ** 32;

export class GeneratedIds {
  private issued = 0;

  constructor(private readonly random: SeededRandom) {}

  uuidV7(unixMs: number): string {
    const sequence = this.issued++ >>> 0;
    const bits = this.random.uint32();
    const moreBits = this.random.uint32();
    const ms = Math.max(0, Math.floor(unixMs));
    const msHigh = Math.floor(ms / TWO_POW_32);
    const msLow = ms % TWO_POW_32;
    return (
      HEX[(msHigh >>> 8) & 0xff]! +
      HEX[msHigh & 0xff]! +
      HEX[(msLow >>> 24) & 0xff]! +
      HEX[(msLow >>> 16) & 0xff]! +
      '-' +
      HEX[(msLow >>> 8) & 0xff]! +
      HEX[msLow & 0xff]! +
      '-' +
      HEX[0x70 | ((bits >>> 28) & 0x0f)]! +
      HEX[(bits >>> 20) & 0xff]! +
      '-' +
      HEX[0x80 | ((bits >>> 14) & 0x3f)]! +
      HEX[(bits >>> 6) & 0xff]! +
      '-' +
      HEX[((bits & 0x3f) << 2) | (moreBits >>> 30)]! +
      HEX[(moreBits >>> 22) & 0xff]! +
      HEX[(sequence >>> 24) & 0xff]! +
      HEX[(sequence >>> 16) & 0xff]! +
      HEX[(sequence >>> 8) & 0xff]! +
      HEX[sequence & 0xff]!
    );
  }

  /** An application user id (`user_` and 16 hex digits), unique within the run for the same reason. */
  userId(): string {
    const sequence = this.issued++ >>> 0;
    return `user_${this.random.uint32().toString(16).padStart(8, '0')}${sequence.toString(16).padStart(8, '0')}`;
  }
}
