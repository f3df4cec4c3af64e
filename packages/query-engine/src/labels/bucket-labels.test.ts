import { describe, expect, it } from 'vitest';
import { localDateTime } from '../dates/local-date-time.js';
import { bucketDay, bucketLabel } from './bucket-labels.js';
import { formatInstant } from './format-datetime.js';

const range = { dateFrom: localDateTime(2024, 12, 20), dateTo: localDateTime(2025, 1, 15, 23, 59, 59, 999_999) };

describe('bucket labels and days (§1.6)', () => {
  it('formats days as 5-Jan-2025 and months as Jan 2025', () => {
    expect(bucketLabel(localDateTime(2025, 1, 5), 'day', range)).toBe('5-Jan-2025');
    expect(bucketDay(localDateTime(2025, 1, 5), 'day')).toBe('2025-01-05');
    expect(bucketLabel(localDateTime(2025, 1, 1), 'month', range)).toBe('Jan 2025');
  });

  it('formats hours and minutes with the time in both labels and days', () => {
    expect(bucketLabel(localDateTime(2025, 1, 5, 13), 'hour', range)).toBe('5-Jan 13:00');
    expect(bucketDay(localDateTime(2025, 1, 5, 13), 'hour')).toBe('2025-01-05 13:00:00');
    expect(bucketLabel(localDateTime(2025, 1, 5, 13, 7), 'minute', range)).toBe('5-Jan 13:07');
  });

  it('labels weeks with EN DASH spans clipped to the range', () => {
    expect(bucketLabel(localDateTime(2025, 1, 5), 'week', range)).toBe('5\u201311 Jan');
    expect(bucketLabel(localDateTime(2025, 1, 12), 'week', range)).toBe('12\u201315 Jan');
    expect(bucketLabel(localDateTime(2024, 12, 15), 'week', range)).toBe('20\u201321 Dec');
    expect(bucketLabel(localDateTime(2024, 12, 29), 'week', range)).toBe('29-Dec-2024 \u2013 4-Jan-2025');
    const january = { dateFrom: localDateTime(2025, 1, 1), dateTo: localDateTime(2025, 2, 28) };
    expect(bucketLabel(localDateTime(2025, 1, 26), 'week', january)).toBe('26-Jan \u2013 1-Feb');
    const oneDay = { dateFrom: localDateTime(2025, 6, 11), dateTo: localDateTime(2025, 6, 11, 23) };
    expect(bucketLabel(localDateTime(2025, 6, 8), 'week', oneDay)).toBe('11-Jun-2025');
  });
});

describe('datetimes in JSON (§11)', () => {
  it('prints Z for zero offsets and microseconds only when present', () => {
    expect(formatInstant(Date.parse('2025-01-08T00:00:00Z') * 1000, 'UTC')).toBe('2025-01-08T00:00:00Z');
    expect(formatInstant(Date.parse('2025-01-15T14:37:02.120Z') * 1000 + 933, 'UTC')).toBe(
      '2025-01-15T14:37:02.120933Z',
    );
    expect(formatInstant(Date.parse('2025-07-01T00:00:00Z') * 1000, 'Europe/London')).toBe('2025-07-01T01:00:00+01:00');
    expect(formatInstant(Date.parse('2025-01-01T00:00:00Z') * 1000, 'Asia/Kolkata')).toBe('2025-01-01T05:30:00+05:30');
  });
});
