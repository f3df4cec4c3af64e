import { describe, expect, it } from 'vitest';
import { formatLocal } from '../labels/format-datetime.js';
import { type DateRangeInput, resolveDateRange, resolvePreviousDateRange } from './date-range.js';
import type { Interval } from './interval.js';
import { resolveRetentionRange } from './retention-range.js';

// §1.4's examples use team UTC and now = 2025-01-15 14:37.
const utc: { timezone: string; weekStartDay: 0 | 1; now: number } = {
  timezone: 'UTC',
  weekStartDay: 0,
  now: Date.parse('2025-01-15T14:37:00Z') * 1000,
};
const range = (input: DateRangeInput | null, interval: Interval = 'day', context = utc) => {
  const resolved = resolveDateRange(input, interval, context);
  return {
    from: formatLocal(resolved.dateFrom, resolved.timezone),
    to: formatLocal(resolved.dateTo, resolved.timezone),
    filterFrom: formatLocal(resolved.filterFrom, resolved.timezone),
    buckets: resolved.buckets.map((bucket) => formatLocal(bucket, resolved.timezone)),
  };
};

describe('relative date_from (§1.4)', () => {
  it.each([
    ['-7d', '2025-01-08T00:00:00Z'],
    ['-24h', '2025-01-14T14:00:00Z'],
    ['-1m', '2024-12-15T00:00:00Z'],
    ['mStart', '2025-01-01T00:00:00Z'],
    ['yStart', '2025-01-01T00:00:00Z'],
    ['-30d', '2024-12-16T00:00:00Z'],
    ['dStart', '2025-01-15T00:00:00Z'],
    ['-1dStart', '2025-01-14T00:00:00Z'],
    ['-2w', '2025-01-01T00:00:00Z'],
    ['-1y', '2024-01-15T00:00:00Z'],
    ['-1q', '2024-10-16T00:00:00Z'],
    ['garbage', '2025-01-15T00:00:00Z'],
  ])('%s resolves to %s', (dateFrom, expected) => {
    expect(range({ date_from: dateFrom }).from).toBe(expected);
  });

  it('defaults to 7 days before today 00:00', () => {
    expect(range(null).from).toBe('2025-01-08T00:00:00Z');
  });

  it('reads absolute dates in the project time zone, padded or not, with or without an offset', () => {
    const london = { ...utc, timezone: 'Europe/London' };
    expect(range({ date_from: '2025-07-01' }, 'day', london).from).toBe('2025-07-01T00:00:00+01:00');
    expect(range({ date_from: '2025-1-5' }).from).toBe('2025-01-05T00:00:00Z');
    expect(range({ date_from: '2025-01-05T10:30:00+02:00' }).from).toBe('2025-01-05T08:30:00Z');
  });
});

describe('date_to and buckets (§1.5)', () => {
  it('spans 8 daily buckets for -7d, ending at the end of today', () => {
    const resolved = range({ date_from: '-7d' });
    expect(resolved.buckets).toHaveLength(8);
    expect(resolved.buckets[0]).toBe('2025-01-08T00:00:00Z');
    expect(resolved.to).toBe('2025-01-15T23:59:59.999999Z');
  });

  it('widens a relative or missing date_to to the end of its hour for hourly queries, keeps an absolute one', () => {
    expect(range({ date_from: '-24h' }, 'hour').to).toBe('2025-01-15T14:59:59.999999Z');
    expect(range({ date_from: '-2d', date_to: '2025-01-15 10:00' }, 'hour').to).toBe('2025-01-15T10:00:00Z');
    expect(range({ date_from: '-7d', date_to: '-1dEnd' }).to).toBe('2025-01-14T23:59:59.999999Z');
  });

  it('uses both ends verbatim with explicitDate', () => {
    const resolved = range({ date_from: '2025-01-10T06:00:00', date_to: '2025-01-12T18:00:00', explicitDate: true });
    expect(resolved.to).toBe('2025-01-12T18:00:00Z');
    expect(resolved.filterFrom).toBe('2025-01-10T06:00:00Z');
  });

  it('starts weeks on Sunday or Monday and months on the 1st', () => {
    expect(range({ date_from: '-7d' }, 'week').buckets).toEqual(['2025-01-05T00:00:00Z', '2025-01-12T00:00:00Z']);
    expect(range({ date_from: '-7d' }, 'week', { ...utc, weekStartDay: 1 }).buckets).toEqual([
      '2025-01-06T00:00:00Z',
      '2025-01-13T00:00:00Z',
    ]);
    expect(range({ date_from: '-30d' }, 'month').buckets).toEqual(['2024-12-01T00:00:00Z', '2025-01-01T00:00:00Z']);
  });

  it('filters from the start of the interval, except for hourly and hour-delta daily ranges', () => {
    expect(range({ date_from: '-30d' }, 'month').filterFrom).toBe('2024-12-01T00:00:00Z');
    expect(range({ date_from: '-7d' }, 'week').filterFrom).toBe('2025-01-08T00:00:00Z');
    expect(range({ date_from: '-24h' }, 'day').filterFrom).toBe('2025-01-14T14:00:00Z');
    expect(range({ date_from: '-24h' }, 'hour').filterFrom).toBe('2025-01-14T14:00:00Z');
    expect(range({ date_from: '2025-01-10T06:00:00' }, 'day').filterFrom).toBe('2025-01-10T00:00:00Z');
  });

  it('keeps a 23-hour day as one bucket in a zone that springs forward', () => {
    const london = { ...utc, timezone: 'Europe/London', now: Date.parse('2025-04-01T12:00:00Z') * 1000 };
    expect(range({ date_from: '2025-03-29', date_to: '2025-03-31' }, 'day', london).buckets).toEqual([
      '2025-03-29T00:00:00Z',
      '2025-03-30T00:00:00Z',
      '2025-03-31T00:00:00+01:00',
    ]);
  });
});

describe('previous period (§1.8)', () => {
  it('compares -7d with the 8 days before, shifted by one day', () => {
    const current = resolveDateRange({ date_from: '-7d' }, 'day', utc);
    const previous = resolvePreviousDateRange({ date_from: '-7d' }, current, utc, null);
    expect(formatLocal(previous.dateFrom, 'UTC')).toBe('2025-01-01T00:00:00Z');
    expect(formatLocal(previous.dateTo, 'UTC')).toBe('2025-01-08T23:59:59.999999Z');
    expect(previous.buckets).toHaveLength(8);
  });

  it('shifts by compare_to and keeps the length', () => {
    const current = resolveDateRange({ date_from: '-7d' }, 'day', utc);
    const previous = resolvePreviousDateRange({ date_from: '-7d' }, current, utc, '-1m');
    expect(formatLocal(previous.dateFrom, 'UTC')).toBe('2024-12-08T00:00:00Z');
    expect(formatLocal(previous.dateTo, 'UTC')).toBe('2024-12-15T23:59:59.999999Z');
  });
});

describe('retention range (§4.2)', () => {
  it('ends at the start of tomorrow and covers totalIntervals days by default', () => {
    const resolved = resolveRetentionRange(null, 'day', 8, utc);
    expect(formatLocal(resolved.dateTo, 'UTC')).toBe('2025-01-16T00:00:00Z');
    expect(resolved.intervalStarts.map((start) => formatLocal(start, 'UTC'))[0]).toBe('2025-01-08T00:00:00Z');
    expect(resolved.intervalStarts).toHaveLength(8);
  });

  it('aligns weekly cohorts to the week start', () => {
    const resolved = resolveRetentionRange(null, 'week', 4, utc);
    expect(resolved.intervalStarts.map((start) => formatLocal(start, 'UTC'))).toEqual([
      '2024-12-22T00:00:00Z',
      '2024-12-29T00:00:00Z',
      '2025-01-05T00:00:00Z',
      '2025-01-12T00:00:00Z',
    ]);
  });
});
