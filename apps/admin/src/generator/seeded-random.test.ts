import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.js';

const sequence = (seed: number | string, length = 5) => {
  const random = new SeededRandom(seed);
  return Array.from({ length }, () => random.uint32());
};

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed', () => {
    expect(sequence(7)).toEqual(sequence(7));
    expect(sequence('seed')).toEqual(sequence('seed'));
  });

  it('reads a number seed as its decimal text', () => {
    expect(sequence(7)).toEqual(sequence('7'));
  });

  it('gives different sequences for neighbouring seeds', () => {
    expect(sequence(1)).not.toEqual(sequence(2));
    expect(sequence('a')).not.toEqual(sequence('b'));
  });

  it('draws uniform numbers in [0, 1)', () => {
    const random = new SeededRandom('uniform');
    const draws = Array.from({ length: 100_000 }, () => random.next());
    expect(draws.every((draw) => draw >= 0 && draw < 1)).toBe(true);
    const mean = draws.reduce((sum, draw) => sum + draw, 0) / draws.length;
    expect(mean).toBeCloseTo(0.5, 2);
    const buckets = new Array(10).fill(0);
    for (const draw of draws) buckets[Math.floor(draw * 10)]++;
    expect(Math.min(...buckets)).toBeGreaterThan(9_500);
    expect(Math.max(...buckets)).toBeLessThan(10_500);
  });

  it('draws exponential and geometric numbers with the asked means', () => {
    const random = new SeededRandom('means');
    const average = (draw: () => number) => Array.from({ length: 50_000 }, draw).reduce((a, b) => a + b, 0) / 50_000;
    expect(average(() => random.exponential(4))).toBeCloseTo(4, 1);
    expect(average(() => random.geometric(0.75))).toBeCloseTo(3, 1);
  });

  it('picks integers below the bound, each about as often', () => {
    const random = new SeededRandom('below');
    const counts = new Array(3).fill(0);
    for (let draw = 0; draw < 30_000; draw++) counts[random.below(3)]++;
    expect(counts.every((count) => count > 9_500 && count < 10_500)).toBe(true);
  });
});
