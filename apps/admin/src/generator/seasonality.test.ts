import { describe, expect, it } from 'vitest';
import { activeInstantBetween, activityAt, hourOf, weekdayOf } from './seasonality.js';
import { SeededRandom } from './seeded-random.js';

describe('seasonality', () => {
  it('reads the UTC weekday and hour of an instant', () => {
    const instant = Date.parse('2024-05-04T22:30:00Z'); // a Saturday
    expect(weekdayOf(instant)).toBe(6);
    expect(hourOf(instant)).toBe(22);
    expect(weekdayOf(Date.parse('2024-05-05T00:00:00Z'))).toBe(0);
  });

  it('weighs a weekday afternoon far above a weekend night', () => {
    expect(activityAt(Date.parse('2024-05-01T14:00:00Z'))).toBeGreaterThan(
      5 * activityAt(Date.parse('2024-05-05T03:00:00Z')),
    );
  });

  it('draws instants within the range, more of them in busy hours', () => {
    const random = new SeededRandom('instants');
    const from = Date.parse('2024-04-01T00:00:00Z');
    const to = Date.parse('2024-05-01T00:00:00Z');
    const instants = Array.from({ length: 20_000 }, () => activeInstantBetween(random, from, to));
    expect(instants.every((instant) => instant >= from && instant < to)).toBe(true);
    const at = (hour: number) => instants.filter((instant) => hourOf(instant) === hour).length;
    expect(at(3)).toBeLessThan(at(14) * 0.25);
  });
});
