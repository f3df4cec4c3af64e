import { describe, expect, it } from 'vitest';
import { cachePolicy } from './cache-policy.js';

const project = { timezone: 'UTC', weekStartDay: 0 as const, testAccountFilters: [] };
const now = new Date('2025-01-15T14:37:00Z');
const trends = (extra: Record<string, unknown>) => ({
  kind: 'TrendsQuery',
  series: [{ kind: 'EventsNode', event: 'e' }],
  ...extra,
});

describe('cachePolicy (§7.3)', () => {
  it('takes the staleness threshold from the interval (retention: its period)', () => {
    expect(cachePolicy(trends({ interval: 'minute', dateRange: { date_from: '-1h' } }), project, now)).toMatchObject({
      targetAgeSeconds: 300,
      lazyTargetAgeSeconds: 900,
    });
    expect(cachePolicy(trends({ interval: 'hour' }), project, now).targetAgeSeconds).toBe(3600);
    expect(cachePolicy(trends({}), project, now)).toMatchObject({
      targetAgeSeconds: 6 * 3600,
      lazyTargetAgeSeconds: 12 * 3600,
    });
    expect(cachePolicy(trends({ interval: 'week' }), project, now).targetAgeSeconds).toBe(86_400);
    expect(cachePolicy(trends({ interval: 'month' }), project, now).lazyTargetAgeSeconds).toBe(86_400);
    expect(
      cachePolicy({ kind: 'RetentionQuery', retentionFilter: { period: 'Week' } }, project, now).targetAgeSeconds,
    ).toBe(86_400);
  });

  it('never goes stale for a range that ended before now', () => {
    const historic = trends({ dateRange: { date_from: '2024-12-01', date_to: '2024-12-31' } });
    expect(cachePolicy(historic, project, now)).toMatchObject({ targetAgeSeconds: null, lazyTargetAgeSeconds: null });
  });

  it('allows client refreshes every 3 minutes for hourly or short ranges, every 15 otherwise, every minute for minutes', () => {
    expect(cachePolicy(trends({ interval: 'hour' }), project, now).refreshFrequencySeconds).toBe(180);
    expect(cachePolicy(trends({ dateRange: { date_from: '-6d' } }), project, now).refreshFrequencySeconds).toBe(180);
    expect(cachePolicy(trends({ dateRange: { date_from: '-7d' } }), project, now).refreshFrequencySeconds).toBe(900);
    expect(
      cachePolicy(trends({ interval: 'minute', dateRange: { date_from: '-1h' } }), project, now)
        .refreshFrequencySeconds,
    ).toBe(60);
    expect(
      cachePolicy(
        { kind: 'LifecycleQuery', series: [{ kind: 'EventsNode', event: 'e' }], dateRange: { date_from: '-30d' } },
        project,
        now,
      ).refreshFrequencySeconds,
    ).toBe(900);
  });
});
