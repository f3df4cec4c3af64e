/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, 74 random bits. Capture gives one to every event sent
 * without a uuid, as the Rust capture service does (`utils.rs`, `uuid_v7`).
 *
 * Ids from one generator are strictly increasing, also within one millisecond and when the clock goes back: the
 * random part of the previous id is then incremented instead of drawn again (RFC 9562 §6.2, method 2), so the ids
 * sort in the order they were made and the events table gets appends rather than random inserts.
 */

import { randomFillSync } from 'node:crypto';
import { formatUuidV7 } from '@insights/contracts';

/** Makes the id of an event received at `unixMs`. */
export type UuidV7Generator = (unixMs: number) => string;

const MAX_RANDOM_A = 0xfff; // 12 bits
const MAX_RANDOM_B_HIGH = 0x3fffffff; // 30 bits

function fillRandom(bytes: Uint8Array): void {
  randomFillSync(bytes);
}

export function createUuidV7Generator(fill: (bytes: Uint8Array) => void = fillRandom): UuidV7Generator {
  let lastMs = -1;
  // The 74 random bits, as 12 + 30 + 32 so that each part fits a small integer.
  let randomA = 0;
  let randomBHigh = 0;
  let randomBLow = 0;
  const entropy = new Uint8Array(10);

  const drawRandom = (): void => {
    fill(entropy);
    // The top bit of the counter starts at zero, which leaves room for 2^73 increments within one millisecond.
    randomA = ((entropy[0]! << 8) | entropy[1]!) & (MAX_RANDOM_A >> 1);
    randomBHigh = ((entropy[2]! << 24) | (entropy[3]! << 16) | (entropy[4]! << 8) | entropy[5]!) & MAX_RANDOM_B_HIGH;
    randomBLow = ((entropy[6]! << 24) | (entropy[7]! << 16) | (entropy[8]! << 8) | entropy[9]!) >>> 0;
  };

  const increment = (): boolean => {
    randomBLow = (randomBLow + 1) >>> 0;
    if (randomBLow !== 0) return true;
    randomBHigh = (randomBHigh + 1) & MAX_RANDOM_B_HIGH;
    if (randomBHigh !== 0) return true;
    randomA = (randomA + 1) & MAX_RANDOM_A;
    return randomA !== 0;
  };

  return (unixMs: number): string => {
    // Pre-epoch instants cannot be written in the unsigned time field.
    const ms = Math.max(0, Math.floor(unixMs));
    if (ms > lastMs) {
      lastMs = ms;
      drawRandom();
    } else if (!increment()) {
      lastMs += 1;
      drawRandom();
    }
    return formatUuidV7(lastMs, randomA, randomBHigh, randomBLow);
  };
}

/** The generator capture uses by default: one per process, so ids stay ordered across requests. */
export const newEventUuid: UuidV7Generator = createUuidV7Generator();
