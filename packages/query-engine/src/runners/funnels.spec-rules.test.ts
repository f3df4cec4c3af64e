import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../testing/build-dataset.js';
import { type LoadedDataset, loadIntoTestDatabase } from '../testing/engine-fixture.js';
import { runOn } from '../testing/run-on-dataset.js';

const NOW = '2025-01-15T12:00:00Z';
const chrome = { $browser: 'Chrome' };

let loaded: LoadedDataset;
beforeAll(async () => {
  loaded = await loadIntoTestDatabase(
    buildDataset({
      persons: { u1: {}, u2: {}, u3: {}, u4: {}, u5: {}, u6: {}, merged: {}, survivor: {} },
      events: [
        // u1: converts to B after exactly one hour, a later second attempt goes nowhere: counted once, at B.
        ['A', 'u1', '2025-01-09T10:00:00Z', chrome],
        ['B', 'u1', '2025-01-09T11:00:00Z'],
        ['A', 'u1', '2025-01-10T10:00:00Z', chrome],
        // u2: C before B does not count for step 3.
        ['A', 'u2', '2025-01-09T10:00:00Z', chrome],
        ['C', 'u2', '2025-01-09T10:20:00Z'],
        ['B', 'u2', '2025-01-09T10:40:00Z'],
        // u3: completes, C exactly at the end of the window (inclusive).
        ['A', 'u3', '2025-01-09T10:00:00Z', { $browser: 'Safari' }],
        ['B', 'u3', '2025-01-09T10:30:00Z'],
        ['C', 'u3', '2025-01-09T11:00:00Z'],
        // u4: C one second too late.
        ['A', 'u4', '2025-01-09T10:00:00Z'],
        ['B', 'u4', '2025-01-09T10:30:00Z'],
        ['C', 'u4', '2025-01-09T11:00:01Z'],
        // u5 never starts the funnel.
        ['B', 'u5', '2025-01-09T10:00:00Z'],
        // A merged person's first step and the surviving person's second step are one person's funnel.
        ['A', 'merged', '2025-01-09T10:00:00Z', { $browser: 'Firefox' }],
        ['B', 'survivor', '2025-01-09T10:10:00Z'],
        // u6: for strict funnels, another event between the steps breaks the sequence.
        ['SA', 'u6', '2025-01-09T10:00:00Z'],
        ['SX', 'u6', '2025-01-09T10:05:00Z'],
        ['SB', 'u6', '2025-01-09T10:10:00Z'],
      ],
      merges: [['merged', 'survivor']],
    }),
  );
});
afterAll(async () => {
  await loaded?.close();
});

const steps = (...events: string[]) => events.map((event) => ({ kind: 'EventsNode', event }));
const oneHour = { funnelWindowInterval: 1, funnelWindowIntervalUnit: 'hour' };
const funnel = async (query: Record<string, unknown>) =>
  (await runOn(loaded, { kind: 'FunnelsQuery', dateRange: { date_from: '-7d' }, ...query }, { now: NOW }))
    .results as any;

describe('funnel steps', () => {
  it('counts each person once at the furthest step reached, with the window measured from step 1', async () => {
    const results = await funnel({ series: steps('A', 'B', 'C'), funnelsFilter: oneHour });
    expect(results.map((step: any) => step.count)).toEqual([5, 5, 1]);
    expect(results[0]).toEqual({
      action_id: 'A',
      name: 'A',
      custom_name: null,
      order: 0,
      people: [],
      count: 5,
      type: 'events',
      average_conversion_time: null,
      median_conversion_time: null,
    });
    // Step 2 times: 3600, 2400, 1800, 1800 and 600 seconds.
    expect(results[1].average_conversion_time).toBe(2040);
    expect(results[1].median_conversion_time).toBe(1800);
    expect(results[2].average_conversion_time).toBe(1800);
  });

  it('with the default 14-day window everyone who reached C converts', async () => {
    const results = await funnel({ series: steps('A', 'B', 'C') });
    expect(results.map((step: any) => step.count)).toEqual([5, 5, 2]);
  });

  it('lets any event of the person between strict steps break the sequence', async () => {
    const ordered = await funnel({ series: steps('SA', 'SB') });
    const strict = await funnel({ series: steps('SA', 'SB'), funnelsFilter: { funnelOrderType: 'strict' } });
    expect(ordered.map((step: any) => step.count)).toEqual([1, 1]);
    expect(strict.map((step: any) => step.count)).toEqual([1, 0]);
  });

  it('counts unordered funnels by the number of distinct steps completed', async () => {
    const results = await funnel({
      series: steps('C', 'B', 'A'),
      funnelsFilter: { funnelOrderType: 'unordered', ...oneHour },
    });
    expect(results.map((step: any) => step.name)).toEqual([
      'Completed 1 step',
      'Completed 2 steps',
      'Completed 3 steps',
    ]);
    // u2 and u3 do all three within an hour; u1, u4 (C one second late) and the survivor two; u5 only B.
    expect(results.map((step: any) => step.count)).toEqual([6, 5, 2]);
  });

  it('returns no steps when nobody entered the funnel', async () => {
    expect(await funnel({ series: steps('nothing', 'A') })).toEqual([]);
  });
});

describe('funnel breakdowns', () => {
  it('boxes values in arrays, uses [""] for missing ones and orders lists by the last step first', async () => {
    const results = await funnel({
      series: steps('A', 'B', 'C'),
      funnelsFilter: oneHour,
      breakdownFilter: { breakdown: '$browser' },
    });
    expect(results.map((list: any[]) => [list[0].breakdown_value, list.map((step) => step.count)])).toEqual([
      [['Safari'], [1, 1, 1]],
      [['Chrome'], [2, 2, 0]],
      [[''], [1, 1, 0]],
      [['Firefox'], [1, 1, 0]],
    ]);
    expect(results[0][0].breakdown).toEqual(['Safari']);
  });

  it('merges values past the limit into ["Other"]', async () => {
    const results = await funnel({
      series: steps('A', 'B', 'C'),
      funnelsFilter: oneHour,
      breakdownFilter: { breakdown: '$browser', breakdown_limit: 2 },
    });
    expect(results.map((list: any[]) => [list[0].breakdown_value, list.map((step) => step.count)])).toEqual([
      [['Other'], [2, 2, 1]],
      [['Chrome'], [2, 2, 0]],
      [[''], [1, 1, 0]],
    ]);
  });
});

describe('funnel time to convert and trends', () => {
  it('bins conversion times into ceil(cbrt(n)) bins starting at the fastest', async () => {
    const results = await funnel({
      series: steps('A', 'B', 'C'),
      funnelsFilter: { ...oneHour, funnelVizType: 'time_to_convert', funnelToStep: 1 },
    });
    expect(results).toEqual({
      average_conversion_time: 2040,
      bins: [
        [600, 3],
        [2100, 1],
        [3600, 1],
      ],
    });
  });

  it('gives the conversion rate per entry day, in percent', async () => {
    const results = await funnel({
      series: steps('A', 'B', 'C'),
      funnelsFilter: { ...oneHour, funnelVizType: 'trends' },
    });
    expect(results).toHaveLength(1);
    expect(results[0].data).toEqual([0, 20, 0, 0, 0, 0, 0, 0]);
    expect(results[0].count).toBe(8);
    expect(results[0].days[1]).toBe('2025-01-09');
    expect(results[0].labels[1]).toBe('9-Jan-2025');
  });
});
