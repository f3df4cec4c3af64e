import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.js';
import { sharesOf, weightedChoice } from './weighted-choice.js';

describe('weightedChoice', () => {
  it('picks each value about as often as its weight says', () => {
    const table = [
      ['a', 6],
      ['b', 3],
      ['c', 1],
    ] as const;
    const choose = weightedChoice(table);
    const random = new SeededRandom('weights');
    const counts = { a: 0, b: 0, c: 0 };
    for (let draw = 0; draw < 50_000; draw++) counts[choose(random)]++;
    const shares = sharesOf(table);
    for (const value of ['a', 'b', 'c'] as const) expect(counts[value] / 50_000).toBeCloseTo(shares[value], 2);
  });

  it('refuses a table without weight', () => {
    expect(() => weightedChoice([])).toThrow();
    expect(() => weightedChoice([['a', 0]])).toThrow();
  });
});
