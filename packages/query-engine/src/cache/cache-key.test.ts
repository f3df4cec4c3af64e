import { describe, expect, it } from 'vitest';
import { normalizedQueryKey } from './cache-key.js';

const project = { timezone: 'UTC', weekStartDay: 0 as const, testAccountFilters: [] };
const query = {
  kind: 'TrendsQuery',
  series: [{ kind: 'EventsNode', event: '$pageview', math: 'dau' }],
  dateRange: { date_from: '-7d' },
};

describe('normalizedQueryKey (§7.5)', () => {
  it('is a stable "cache_" + md5 string, whatever the key order, tags, nulls or InsightVizNode wrapper', () => {
    const key = normalizedQueryKey(query, project);
    expect(key).toMatch(/^cache_[0-9a-f]{32}$/);
    expect(
      normalizedQueryKey({ dateRange: { date_from: '-7d' }, series: query.series, kind: 'TrendsQuery' }, project),
    ).toBe(key);
    expect(normalizedQueryKey({ ...query, tags: { scene: 'Dashboard' } }, project)).toBe(key);
    expect(normalizedQueryKey({ ...query, breakdownFilter: null }, project)).toBe(key);
    expect(normalizedQueryKey({ kind: 'InsightVizNode', source: query, full: true }, project)).toBe(key);
  });

  it('changes with anything that changes results: the query, time zone, week start, project and test filters', () => {
    const key = normalizedQueryKey(query, project);
    expect(normalizedQueryKey({ ...query, dateRange: { date_from: '-14d' } }, project)).not.toBe(key);
    expect(normalizedQueryKey(query, { ...project, timezone: 'Europe/London' })).not.toBe(key);
    expect(normalizedQueryKey(query, { ...project, weekStartDay: 1 })).not.toBe(key);
    expect(normalizedQueryKey(query, project, 2)).not.toBe(normalizedQueryKey(query, project, 3));
    const filtered = { ...query, filterTestAccounts: true };
    expect(normalizedQueryKey(filtered, project)).not.toBe(
      normalizedQueryKey(filtered, { ...project, testAccountFilters: [{ key: 'email', value: 'x', type: 'person' }] }),
    );
  });
});
