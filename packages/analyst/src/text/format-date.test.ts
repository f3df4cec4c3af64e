import { describe, expect, it } from 'vitest';
import { describeBucket, parseBucketDay, wallTimeIn } from './format-date.js';

describe('parseBucketDay and describeBucket', () => {
  it('names each interval the way a reader expects', () => {
    expect(describeBucket(parseBucketDay('2025-01-05')!, 'day')).toBe('5 Jan 2025');
    expect(describeBucket(parseBucketDay('2025-01-05 13:00:00')!, 'hour')).toBe('5 Jan 2025, 13:00');
    expect(describeBucket(parseBucketDay('2025-01-05')!, 'week')).toBe('the week of 5 Jan 2025');
    expect(describeBucket(parseBucketDay('2025-09-01')!, 'month')).toBe('Sep 2025');
  });

  it('rejects what is not a bucket day', () => {
    expect(parseBucketDay('5-Jan-2025')).toBeNull();
    expect(parseBucketDay(3)).toBeNull();
    expect(parseBucketDay('2025-13-01')).toBeNull();
  });
});

describe('wallTimeIn', () => {
  it('writes an instant in the insight time zone', () => {
    const instant = '2025-01-07T23:30:00Z';
    expect(describeBucket(wallTimeIn(instant, 'Europe/Paris')!, 'hour')).toBe('8 Jan 2025, 00:30');
    expect(describeBucket(wallTimeIn(instant, 'America/New_York')!, 'hour')).toBe('7 Jan 2025, 18:30');
  });

  it('reads offsets written by a non-UTC project', () => {
    expect(describeBucket(wallTimeIn('2025-01-08T00:00:00+01:00', 'Europe/Paris')!, 'day')).toBe('8 Jan 2025');
  });

  it('falls back to UTC for an unknown zone instead of throwing', () => {
    expect(describeBucket(wallTimeIn('2025-01-07T23:30:00Z', 'Mars/Olympus')!, 'hour')).toBe('7 Jan 2025, 23:30');
  });

  it('answers null for an unreadable instant', () => {
    expect(wallTimeIn('yesterday', 'UTC')).toBeNull();
  });
});
