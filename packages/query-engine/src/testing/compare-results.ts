/** Whether two numbers agree up to floating-point noise (the database and the oracle sum in different orders). */
function closeEnough(actual: number, expected: number): boolean {
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected));
}

/**
 * The first difference between an actual and an expected JSON value, as `path: actual ≠ expected`, or null when
 * they match field by field (numbers up to float noise, everything else exactly, key sets included).
 */
export function findMismatch(actual: unknown, expected: unknown, path = '$'): string | null {
  if (typeof actual === 'number' && typeof expected === 'number') {
    return closeEnough(actual, expected) ? null : `${path}: ${actual} ≠ ${expected}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: ${JSON.stringify(actual)} is not an array`;
    if (actual.length !== expected.length) return `${path}: length ${actual.length} ≠ ${expected.length}`;
    for (let index = 0; index < expected.length; index++) {
      const mismatch = findMismatch(actual[index], expected[index], `${path}[${index}]`);
      if (mismatch) return mismatch;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${path}: ${JSON.stringify(actual)} is not an object`;
    }
    const actualKeys = Object.keys(actual).sort();
    const expectedKeys = Object.keys(expected).sort();
    if (actualKeys.join() !== expectedKeys.join()) return `${path}: keys [${actualKeys}] ≠ [${expectedKeys}]`;
    for (const key of expectedKeys) {
      const mismatch = findMismatch(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (mismatch) return mismatch;
    }
    return null;
  }
  return Object.is(actual, expected) || actual === expected
    ? null
    : `${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`;
}

/** Keeps only the keys of `actual` that `expected` has at the top level (the oracle omits envelope-like keys). */
export function pickKeys<T extends object>(actual: T, expected: object): Partial<T> {
  return Object.fromEntries(
    Object.keys(expected).map((key) => [key, (actual as Record<string, unknown>)[key]]),
  ) as Partial<T>;
}
