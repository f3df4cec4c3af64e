import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../testing/build-dataset.js';
import { type LoadedDataset, loadIntoTestDatabase } from '../testing/engine-fixture.js';
import { runOn } from '../testing/run-on-dataset.js';

const NOW = '2025-01-15T14:37:00Z';
const browsers: Array<string | null> = ['A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', null, null, '', '', 'C'];

/** Numbers and strings spelling one count; the rest (including strings beyond float8's range) read as no value. */
const AMOUNTS: unknown[] = [10, '2.5', ' 3 ', 'n/a', true, '1e400', '-1e400', '1e-400', `1${'0'.repeat(400)}`, '0x10'];

let loaded: LoadedDataset;
beforeAll(async () => {
  loaded = await loadIntoTestDatabase(
    buildDataset({
      persons: { p1: {}, p2: {}, merged: {}, survivor: {} },
      events: [
        ['$pageview', 'p1', '2025-01-07T23:59:59Z'],
        ['$pageview', 'p1', '2025-01-08T00:00:00Z'],
        ['$pageview', 'p1', '2025-01-10T09:00:00Z'],
        ['$pageview', 'p2', '2025-01-10T10:00:00Z'],
        ['$pageview', 'p1', '2025-01-15T01:00:00Z'],
        ['$pageview', 'p2', '2025-01-15T02:00:00Z'],
        ['$pageview', 'p2', '2025-01-15T14:00:00Z'],
        ['$pageview', 'p2', '2025-01-02T12:00:00Z'],
        ...browsers.map(
          (browser, index) =>
            ['browse', 'p1', `2025-01-1${index % 5}T12:00:00Z`, browser === null ? {} : { $browser: browser }] as [
              string,
              string,
              string,
              Record<string, unknown>,
            ],
        ),
        ...AMOUNTS.map(
          (amount) =>
            ['amounts', 'p1', '2025-01-13T10:00:00Z', { amount }] as [string, string, string, Record<string, unknown>],
        ),
        ['merge_check', 'merged', '2025-01-14T08:00:00Z'],
        ['merge_check', 'survivor', '2025-01-14T09:00:00Z'],
        ['dst', 'p1', '2025-03-29T23:30:00Z'],
        ['dst', 'p1', '2025-03-30T00:30:00Z'],
        ['dst', 'p1', '2025-03-30T23:30:00Z'],
        ['dst', 'p1', '2025-11-02T04:30:00Z'],
        ['dst', 'p1', '2025-11-03T04:30:00Z'],
        ['dst', 'p1', '2025-11-03T05:30:00Z'],
      ],
      merges: [['merged', 'survivor']],
    }),
  );
});
afterAll(async () => {
  await loaded?.close();
});

type Item = Record<string, any>;
const trends = async (
  query: Record<string, unknown>,
  options: { now?: string; timezone?: string; weekStartDay?: 0 | 1 } = {},
) =>
  (await runOn(loaded, { kind: 'TrendsQuery', ...query }, { now: options.now ?? NOW, ...options })) as {
    results: Item[];
    hasMore: boolean;
    resolved_date_range: { date_from: string; date_to: string };
  };

describe('trends date rules', () => {
  it('gives 8 daily buckets for -7d: 7 full days plus today, from 00:00 to the end of today', async () => {
    const response = await trends({
      series: [{ kind: 'EventsNode', event: '$pageview' }],
      dateRange: { date_from: '-7d' },
    });
    const [series] = response.results;
    expect(series!.days).toEqual([
      '2025-01-08',
      '2025-01-09',
      '2025-01-10',
      '2025-01-11',
      '2025-01-12',
      '2025-01-13',
      '2025-01-14',
      '2025-01-15',
    ]);
    expect(series!.labels[0]).toBe('8-Jan-2025');
    expect(series!.data).toEqual([1, 0, 2, 0, 0, 0, 0, 3]);
    expect(series!.count).toBe(6);
    expect(response.resolved_date_range).toEqual({
      date_from: '2025-01-08T00:00:00Z',
      date_to: '2025-01-15T23:59:59.999999Z',
    });
  });

  it('labels weeks with an EN DASH, clipped to the range, across months and years', async () => {
    const series = [{ kind: 'EventsNode', event: '$pageview' }];
    const february = await trends(
      { series, interval: 'week', dateRange: { date_from: '-14d' } },
      { now: '2025-02-05T12:00:00Z' },
    );
    expect(february.results[0]!.labels).toEqual(['22\u201325 Jan', '26-Jan \u2013 1-Feb', '2\u20135 Feb']);
    expect(february.results[0]!.days).toEqual(['2025-01-19', '2025-01-26', '2025-02-02']);
    const mondays = await trends(
      { series, interval: 'week', dateRange: { date_from: '-14d' } },
      { now: '2025-02-05T12:00:00Z', weekStartDay: 1 },
    );
    expect(mondays.results[0]!.labels).toEqual(['22\u201326 Jan', '27-Jan \u2013 2-Feb', '3\u20135 Feb']);
    const newYear = await trends(
      { series, interval: 'week', dateRange: { date_from: '-14d' } },
      { now: '2025-01-03T12:00:00Z' },
    );
    expect(newYear.results[0]!.labels).toEqual(['20\u201321 Dec', '22\u201328 Dec', '29-Dec-2024 \u2013 3-Jan-2025']);
    const sunday = await trends(
      { series, interval: 'week', dateRange: { date_from: '-7d' } },
      { now: '2025-01-12T12:00:00Z' },
    );
    expect(sunday.results[0]!.labels.at(-1)).toBe('12-Jan-2025');
  });

  it('buckets days in the project time zone across clock changes', async () => {
    const dst = { kind: 'EventsNode', event: 'dst' };
    const london = await trends(
      { series: [dst], dateRange: { date_from: '2025-03-29', date_to: '2025-03-31' } },
      { timezone: 'Europe/London', now: '2025-04-01T12:00:00Z' },
    );
    expect(london.results[0]!.data).toEqual([1, 1, 1]);
    expect(london.results[0]!.action.days).toEqual([
      '2025-03-29T00:00:00Z',
      '2025-03-30T00:00:00Z',
      '2025-03-31T00:00:00+01:00',
    ]);
    const newYork = await trends(
      { series: [dst], dateRange: { date_from: '2025-11-01', date_to: '2025-11-03' } },
      { timezone: 'America/New_York', now: '2025-11-04T12:00:00Z' },
    );
    expect(newYork.results[0]!.data).toEqual([0, 2, 1]);
    expect(newYork.results[0]!.action.days).toEqual([
      '2025-11-01T00:00:00-04:00',
      '2025-11-02T00:00:00-04:00',
      '2025-11-03T00:00:00-05:00',
    ]);
  });

  it('compares with the previous 8 days and emits current results before previous ones', async () => {
    const response = await trends({
      series: [{ kind: 'EventsNode', event: '$pageview' }],
      dateRange: { date_from: '-7d' },
      compareFilter: { compare: true },
    });
    expect(response.results.map((item) => item.compare_label)).toEqual(['current', 'previous']);
    const previous = response.results[1]!;
    expect(previous.days[0]).toBe('2025-01-01');
    expect(previous.days).toHaveLength(8);
    expect(previous.data).toEqual([0, 1, 0, 0, 0, 0, 1, 1]);
  });
});

describe('trends breakdowns', () => {
  const browse = [{ kind: 'EventsNode', event: 'browse' }];
  const range = { date_from: '-7d' };
  const summary = (results: Item[]) => results.map((item) => [item.breakdown_value, item.count]);

  it('orders real values by total, then the null marker, and counts null, missing and empty alike', async () => {
    const response = await trends({ series: browse, dateRange: range, breakdownFilter: { breakdown: '$browser' } });
    expect(summary(response.results)).toEqual([
      ['A', 5],
      ['B', 3],
      ['C', 1],
      ['$$_posthog_breakdown_null_$$', 4],
    ]);
    expect(response.hasMore).toBe(false);
  });

  it('ranks the null marker after real values when choosing the top N, summing the rest into Other', async () => {
    const limitTwo = await trends({
      series: browse,
      dateRange: range,
      breakdownFilter: { breakdown: '$browser', breakdown_limit: 2 },
    });
    expect(summary(limitTwo.results)).toEqual([
      ['A', 5],
      ['B', 3],
      ['$$_posthog_breakdown_other_$$', 5],
    ]);
    expect(limitTwo.hasMore).toBe(true);
    const limitThree = await trends({
      series: browse,
      dateRange: range,
      breakdownFilter: { breakdown: '$browser', breakdown_limit: 3 },
    });
    expect(summary(limitThree.results)).toEqual([
      ['A', 5],
      ['B', 3],
      ['C', 1],
      ['$$_posthog_breakdown_other_$$', 4],
    ]);
  });

  it('hides Other on request but still reports hasMore, and labels multi-series results "series - value"', async () => {
    const response = await trends({
      series: [...browse, { kind: 'EventsNode', event: '$pageview' }],
      dateRange: range,
      breakdownFilter: { breakdown: '$browser', breakdown_limit: 1, breakdown_hide_other_aggregation: true },
    });
    expect(response.hasMore).toBe(true);
    expect(response.results.map((item) => item.label)).toEqual([
      'browse - A',
      '$pageview - $$_posthog_breakdown_null_$$',
    ]);
  });
});

describe('trends persons and formulas', () => {
  it('counts a person merged into another once', async () => {
    const response = await trends({
      series: [
        { kind: 'EventsNode', event: 'merge_check', math: 'dau' },
        { kind: 'EventsNode', event: 'merge_check' },
      ],
      trendsFilter: { display: 'ActionsTable' },
    });
    expect(response.results.map((item) => item.aggregated_value)).toEqual([1, 2]);
    expect(response.results[0]!.data).toEqual([]);
    expect(response.results[0]!.count).toBe(0);
    expect('labels' in response.results[0]!).toBe(false);
  });

  it('evaluates formulas bucket by bucket, with division by zero giving 0', async () => {
    const response = await trends({
      series: [
        { kind: 'EventsNode', event: '$pageview' },
        { kind: 'EventsNode', event: 'merge_check' },
      ],
      trendsFilter: { formula: 'B / A' },
    });
    expect(response.results).toHaveLength(1);
    const [formula] = response.results;
    expect(formula!.label).toBe('Formula (B / A)');
    expect(formula!.action).toBeNull();
    // Jan 14: two merge_check events and no page view.
    expect(formula!.data).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const scaled = await trends({
      series: [{ kind: 'EventsNode', event: '$pageview' }],
      trendsFilter: { formulaNodes: [{ formula: 'A * 10 + 1', custom_name: 'Scaled' }] },
    });
    expect(scaled.results[0]!.data).toEqual([11, 1, 21, 1, 1, 1, 1, 31]);
    expect(scaled.results[0]!.label).toBe('Scaled');
  });

  it('reports the event name as label and "All events" for a null event', async () => {
    const response = await trends({ series: [{ kind: 'EventsNode', event: null }], dateRange: { date_from: '-1d' } });
    expect(response.results[0]!.label).toBe('All events');
    expect(response.results[0]!.action.name).toBe('All events');
    expect(response.results[0]!.action.id).toBeNull();
  });

  it('sums numbers and numeric strings, and reads out-of-range spellings as no value instead of failing', async () => {
    const range = { date_from: '2025-01-13', date_to: '2025-01-13' };
    const sum = await trends({
      series: [{ kind: 'EventsNode', event: 'amounts', math: 'sum', math_property: 'amount' }],
      dateRange: range,
    });
    expect(sum.results[0]!.data).toEqual([15.5]);
    const filtered = await trends({
      series: [{ kind: 'EventsNode', event: 'amounts' }],
      properties: [{ type: 'event', key: 'amount', operator: 'gt', value: 2 }],
      dateRange: range,
    });
    expect(filtered.results[0]!.data).toEqual([3]);
  });
});
