const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const TWO_POW_32 = 2 ** 32;

/**
 * The text of a UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, 12 bits `randomA`, the variant, then 62
 * bits given as `randomBHigh` (30 bits) and `randomBLow` (32 bits). Event uuids made by capture and by the event
 * generator are written with it.
 */
export function formatUuidV7(ms: number, randomA: number, randomBHigh: number, randomBLow: number): string {
  const msHigh = Math.floor(ms / TWO_POW_32); // top 16 of the 48 bits
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
    HEX[0x70 | ((randomA >>> 8) & 0x0f)]! +
    HEX[randomA & 0xff]! +
    '-' +
    HEX[0x80 | ((randomBHigh >>> 24) & 0x3f)]! +
    HEX[(randomBHigh >>> 16) & 0xff]! +
    '-' +
    HEX[(randomBHigh >>> 8) & 0xff]! +
    HEX[randomBHigh & 0xff]! +
    HEX[(randomBLow >>> 24) & 0xff]! +
    HEX[(randomBLow >>> 16) & 0xff]! +
    HEX[(randomBLow >>> 8) & 0xff]! +
    HEX[randomBLow & 0xff]!
  );
}
