/**
 * `LZString.decompressFromBase64`, the `compression=lz64` (alias `lz-string`) encoding older posthog-js versions send
 * and PostHog's capture still accepts (`decompress_lz64` in the Rust service, `lzstring` in Django's). Written from the
 * lz-string algorithm, with an output cap so that a small body cannot expand without bound: the dictionary only grows
 * by one entry per code read, and every entry emitted counts against the cap.
 */

export type LzDecompression = { ok: true; text: string } | { ok: false; reason: 'invalid' | 'too_large' };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
const VALUE_OF_CHAR = new Int8Array(128).fill(-1);
for (let index = 0; index < ALPHABET.length; index++) VALUE_OF_CHAR[ALPHABET.charCodeAt(index)] = index;

const BITS_PER_CHAR = 6;
const INVALID: LzDecompression = { ok: false, reason: 'invalid' };
const TOO_LARGE: LzDecompression = { ok: false, reason: 'too_large' };

/** `maxLength` counts UTF-16 code units of the output. */
export function decompressLzStringBase64(input: string, maxLength: number): LzDecompression {
  if (input.length === 0) return INVALID;
  const values = new Uint8Array(input.length);
  for (let index = 0; index < input.length; index++) {
    const code = input.charCodeAt(index);
    const value = code < 128 ? VALUE_OF_CHAR[code]! : -1;
    if (value < 0) return INVALID;
    values[index] = value;
  }

  // Bits are read from the most significant of each 6-bit character; the value is assembled least significant first.
  let current = values[0]!;
  let mask = 1 << (BITS_PER_CHAR - 1);
  let nextChar = 1;
  const readBits = (count: number): number => {
    let bits = 0;
    for (let bit = 0; bit < count; bit++) {
      if ((current & mask) !== 0) bits |= 1 << bit;
      mask >>= 1;
      if (mask === 0) {
        mask = 1 << (BITS_PER_CHAR - 1);
        current = values[nextChar++] ?? 0;
      }
    }
    return bits;
  };

  // Codes 0 and 1 introduce a new 8- or 16-bit character, 2 ends the stream; dictionary entries start at 3.
  const dictionary: string[] = ['', '', ''];
  let codeWidth = 3;
  let codesUntilWider = 4;

  const firstKind = readBits(2);
  if (firstKind === 2) return { ok: true, text: '' };
  if (firstKind === 3) return INVALID;
  let previous = String.fromCharCode(readBits(firstKind === 0 ? 8 : 16));
  dictionary.push(previous);
  const parts = [previous];
  let length = previous.length;

  for (;;) {
    if (nextChar > input.length) return INVALID; // ran out of input before the end marker
    let code = readBits(codeWidth);
    if (code === 2) return { ok: true, text: parts.join('') };
    if (code === 0 || code === 1) {
      dictionary.push(String.fromCharCode(readBits(code === 0 ? 8 : 16)));
      code = dictionary.length - 1;
      codesUntilWider--;
      if (codesUntilWider === 0) {
        codesUntilWider = 2 ** codeWidth;
        codeWidth++;
      }
    }

    let entry: string;
    if (code < dictionary.length) entry = dictionary[code]!;
    else if (code === dictionary.length) entry = previous + previous.charAt(0);
    else return INVALID;

    length += entry.length;
    if (length > maxLength) return TOO_LARGE;
    parts.push(entry);
    dictionary.push(previous + entry.charAt(0));
    previous = entry;

    codesUntilWider--;
    if (codesUntilWider === 0) {
      codesUntilWider = 2 ** codeWidth;
      codeWidth++;
    }
  }
}
