function chunks(value: string): Array<string | number> {
  return value
    .toLowerCase()
    .split(/(\d+)/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function compareStrings(left: string, right: string): number {
  const a = chunks(left);
  const b = chunks(right);
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const x = a[index]!;
    const y = b[index]!;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y;
    } else if (typeof x === 'number') {
      return -1;
    } else if (typeof y === 'number') {
      return 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/** natsort's case-insensitive natural order (`item2` before `item10`), elementwise for multi-breakdown tuples. */
export function compareNatural(left: string | readonly string[], right: string | readonly string[]): number {
  const a = typeof left === 'string' ? [left] : left;
  const b = typeof right === 'string' ? [right] : right;
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const result = compareStrings(a[index]!, b[index]!);
    if (result !== 0) return result;
  }
  return a.length - b.length;
}

/** Byte order, like `COLLATE "C"` (for the ASCII and BMP values breakdowns carry). */
export function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
