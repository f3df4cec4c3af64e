import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../testing/build-dataset.js';
import { type LoadedDataset, loadIntoTestDatabase } from '../testing/engine-fixture.js';
import { runOn } from '../testing/run-on-dataset.js';

const NOW = '2025-01-15T12:00:00Z';

let loaded: LoadedDataset;
beforeAll(async () => {
  loaded = await loadIntoTestDatabase(
    buildDataset({
      persons: { r1: {}, r2: {}, l1: {}, l2: {}, l3: {}, l4: {}, l5: {} },
      events: [
        ['$pageview', 'r1', '2025-01-08T09:00:00Z'],
        ['$pageview', 'r1', '2025-01-09T09:00:00Z'],
        ['$pageview', 'r1', '2025-01-12T09:00:00Z'],
        ['$pageview', 'r2', '2025-01-15T09:00:00Z'],
        ['signup', 'l2', '2025-01-01T09:00:00Z'],
        ['signup', 'l3', '2025-01-01T09:00:00Z'],
        ['signup', 'l4', '2025-01-01T09:00:00Z'],
        ['lc', 'l1', '2025-01-08T09:00:00Z'],
        ['lc', 'l1', '2025-01-09T09:00:00Z'],
        ['lc', 'l1', '2025-01-11T09:00:00Z'],
        ['lc', 'l2', '2025-01-07T09:00:00Z'],
        ['lc', 'l2', '2025-01-08T09:00:00Z'],
        ['lc', 'l3', '2025-01-10T09:00:00Z'],
        ['lc', 'l4', '2025-01-07T09:00:00Z'],
        ['lc', 'l5', '2025-01-13T09:00:00Z', { $process_person_profile: false }],
      ],
    }),
  );
});
afterAll(async () => {
  await loaded?.close();
});

const run = async (query: Record<string, unknown>) => (await runOn(loaded, query, { now: NOW })).results as any[];

describe('retention', () => {
  it('is a zero-padded matrix: 8 daily cohorts of 8 values by default, labelled "Day n"', async () => {
    const results = await run({ kind: 'RetentionQuery', retentionFilter: {} });
    expect(results.map((row) => row.label)).toEqual([
      'Day 0',
      'Day 1',
      'Day 2',
      'Day 3',
      'Day 4',
      'Day 5',
      'Day 6',
      'Day 7',
    ]);
    expect(results.map((row) => row.date)).toEqual([
      '2025-01-08T00:00:00Z',
      '2025-01-09T00:00:00Z',
      '2025-01-10T00:00:00Z',
      '2025-01-11T00:00:00Z',
      '2025-01-12T00:00:00Z',
      '2025-01-13T00:00:00Z',
      '2025-01-14T00:00:00Z',
      '2025-01-15T00:00:00Z',
    ]);
    expect(results.map((row) => row.values.map((value: any) => value.count))).toEqual([
      [1, 1, 0, 0, 1, 0, 0, 0],
      [1, 0, 0, 1, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(results[0].values[4]).toEqual({ count: 1, label: 'Day 4' });
  });

  it('puts a person only in the cohort of their first event for first-time retention', async () => {
    const results = await run({ kind: 'RetentionQuery', retentionFilter: { retentionType: 'retention_first_time' } });
    expect(results.map((row) => row.values[0].count)).toEqual([1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('counts later intervals for cumulative retention', async () => {
    const results = await run({ kind: 'RetentionQuery', retentionFilter: { cumulative: true } });
    expect(results[0].values.map((value: any) => value.count)).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
  });
});

describe('lifecycle', () => {
  it('returns new, returning, resurrecting and dormant in that order, dormant negative, as floats summed into count', async () => {
    const results = await run({ kind: 'LifecycleQuery', series: [{ kind: 'EventsNode', event: 'lc' }] });
    expect(results.map((row) => [row.status, row.data])).toEqual([
      ['new', [1, 0, 0, 0, 0, 0, 0, 0]],
      ['returning', [1, 1, 0, 0, 0, 0, 0, 0]],
      ['resurrecting', [0, 0, 1, 1, 0, 0, 0, 0]],
      ['dormant', [-1, -1, -1, -1, -1, 0, 0, 0]],
    ]);
    expect(results.map((row) => row.count)).toEqual([1, 2, 2, -5]);
    expect(results[3].label).toBe('lc - dormant');
    expect(results[3].action).toEqual({ id: 'lc', name: 'lc', type: 'events', order: 0, math: 'total' });
    expect(results[0].days[0]).toBe('2025-01-08');
  });
});

describe('stickiness', () => {
  it('counts persons by the number of days they were active, as "k day(s)"', async () => {
    const results = await run({ kind: 'StickinessQuery', series: [{ kind: 'EventsNode', event: 'lc' }] });
    // l1 on three days; l2, l3 and l5 on one day each (l2's and l4's Jan 7 is outside -7d).
    expect(results[0].data).toEqual([3, 0, 1, 0, 0, 0, 0, 0]);
    expect(results[0].days).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results[0].labels.slice(0, 2)).toEqual(['1 day', '2 days']);
    expect(results[0].count).toBe(4);
    const cumulative = await run({
      kind: 'StickinessQuery',
      series: [{ kind: 'EventsNode', event: 'lc' }],
      stickinessFilter: { computedAs: 'cumulative' },
    });
    expect(cumulative[0].data).toEqual([4, 1, 1, 0, 0, 0, 0, 0]);
    expect(cumulative[0].labels[0]).toBe('1 day or more');
  });
});
