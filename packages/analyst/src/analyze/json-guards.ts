export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length;
}

/** Index of the largest value; ties go to the earliest index, so the answer never depends on sort stability. */
export function indexOfMax(values: readonly number[]): number {
  let best = -1;
  for (let index = 0; index < values.length; index++) {
    if (best === -1 || values[index]! > values[best]!) best = index;
  }
  return best;
}
