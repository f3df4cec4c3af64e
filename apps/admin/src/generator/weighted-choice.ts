import type { SeededRandom } from './seeded-random.js';

/** Picks among a fixed table of values, each as often as its weight says. */
export type WeightedChoice<T> = (random: SeededRandom) => T;

export function weightedChoice<T>(table: readonly (readonly [T, number])[]): WeightedChoice<T> {
  const values = table.map(([value]) => value);
  const thresholds: number[] = [];
  let total = 0;
  for (const [, weight] of table) {
    total += weight;
    thresholds.push(total);
  }
  if (values.length === 0 || !(total > 0)) throw new Error('a weighted choice needs a positive total weight');

  return (random) => {
    const target = random.next() * total;
    for (let index = 0; index < thresholds.length; index++) if (target < thresholds[index]!) return values[index]!;
    return values[values.length - 1]!;
  };
}

/** The share of each value, to compare what was generated against. */
export function sharesOf<T extends string>(table: readonly (readonly [T, number])[]): Record<T, number> {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  return Object.fromEntries(table.map(([value, weight]) => [value, weight / total])) as Record<T, number>;
}
