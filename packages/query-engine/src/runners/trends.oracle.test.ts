import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadedDataset, loadIntoTestDatabase } from '../testing/engine-fixture.js';
import { engineVersusOracle } from '../testing/engine-vs-oracle.js';
import { generateScenarioDataset, SCENARIOS } from '../testing/scenarios.js';

let loaded: LoadedDataset;
beforeAll(async () => {
  loaded = await loadIntoTestDatabase(generateScenarioDataset());
});
afterAll(async () => {
  await loaded?.close();
});

const pageviews = { kind: 'EventsNode', event: '$pageview' };
const QUERIES: Record<string, Record<string, unknown>> = {
  'total daily over -7d': { series: [pageviews] },
  'unique users hourly over -48h': {
    series: [{ ...pageviews, math: 'dau' }],
    interval: 'hour',
    dateRange: { date_from: '-48h' },
  },
  'weekly buckets over -30d': { series: [pageviews], interval: 'week', dateRange: { date_from: '-30d' } },
  'monthly buckets over -60d': { series: [pageviews], interval: 'month', dateRange: { date_from: '-60d' } },
  'weekly active users daily': { series: [{ ...pageviews, math: 'weekly_active' }], dateRange: { date_from: '-14d' } },
  'monthly active users weekly': {
    series: [{ ...pageviews, math: 'monthly_active' }],
    interval: 'week',
    dateRange: { date_from: '-21d' },
  },
  'unique sessions': { series: [{ ...pageviews, math: 'unique_session' }] },
  'property maths': {
    series: ['sum', 'avg', 'min', 'max', 'median', 'p75', 'p90', 'p95', 'p99'].map((math) => ({
      kind: 'EventsNode',
      event: 'purchase',
      math,
      math_property: 'amount',
    })),
    dateRange: { date_from: '-14d' },
  },
  'count per actor maths': {
    series: ['avg_count_per_actor', 'max_count_per_actor', 'median_count_per_actor'].map((math) => ({
      ...pageviews,
      math,
    })),
  },
  'all events with a series filter': {
    series: [
      { kind: 'EventsNode', event: null, properties: [{ key: '$os', value: ['Windows', 'Linux'], type: 'event' }] },
    ],
  },
  'event breakdown with a small limit': {
    series: [pageviews],
    breakdownFilter: { breakdown: '$browser', breakdown_limit: 3 },
    dateRange: { date_from: '-14d' },
  },
  'person breakdown, unique users, two series': {
    series: [
      { ...pageviews, math: 'dau' },
      { kind: 'EventsNode', event: 'signed_up' },
    ],
    breakdownFilter: { breakdown: 'plan', breakdown_type: 'person' },
  },
  'normalised URL breakdown hiding other': {
    series: [pageviews],
    breakdownFilter: {
      breakdown: '$current_url',
      breakdown_normalize_url: true,
      breakdown_limit: 2,
      breakdown_hide_other_aggregation: true,
    },
  },
  'multiple breakdowns': {
    series: [pageviews],
    breakdownFilter: { breakdowns: [{ property: '$os' }, { property: 'country', type: 'person' }], breakdown_limit: 4 },
  },
  'compare to previous period': {
    series: [pageviews, { kind: 'EventsNode', event: 'signed_up', math: 'dau' }],
    compareFilter: { compare: true },
  },
  'compare to a week ago, hourly': {
    series: [pageviews],
    interval: 'hour',
    dateRange: { date_from: '-24h' },
    compareFilter: { compare: true, compare_to: '-1w' },
  },
  'formula with breakdown': {
    series: [pageviews, { kind: 'EventsNode', event: 'signed_up' }],
    breakdownFilter: { breakdown: '$os' },
    trendsFilter: { formulaNodes: [{ formula: 'B / A * 100', custom_name: 'Signup rate' }, { formula: 'A - B' }] },
  },
  'formula with compare': {
    series: [pageviews, { kind: 'EventsNode', event: 'signed_up' }],
    compareFilter: { compare: true },
    trendsFilter: { formula: '(A + B) / 2' },
  },
  'bold number total with unique users': {
    series: [{ ...pageviews, math: 'dau' }],
    trendsFilter: { display: 'BoldNumber' },
    dateRange: { date_from: '-7d' },
  },
  'table with breakdown and compare': {
    series: [pageviews],
    trendsFilter: { display: 'ActionsTable' },
    breakdownFilter: { breakdown: '$browser', breakdown_limit: 2 },
    compareFilter: { compare: true },
  },
  'pie with formula': {
    series: [pageviews, { kind: 'EventsNode', event: 'purchase', math: 'sum', math_property: 'amount' }],
    trendsFilter: { display: 'ActionsPie', formula: 'B / A' },
  },
  'cumulative unique users with smoothing': {
    series: [
      { ...pageviews, math: 'dau' },
      { kind: 'EventsNode', event: 'clicked' },
    ],
    trendsFilter: { display: 'ActionsLineGraphCumulative', smoothingIntervals: 3 },
    dateRange: { date_from: '-14d' },
  },
  'test accounts and a property group': {
    series: [pageviews],
    filterTestAccounts: true,
    properties: {
      type: 'OR',
      values: [
        { type: 'AND', values: [{ key: '$browser', value: 'hrom', operator: 'icontains', type: 'event' }] },
        {
          type: 'AND',
          values: [
            { key: 'age', value: 40, operator: 'gt', type: 'person' },
            { key: '$os', operator: 'is_set', type: 'event' },
          ],
        },
      ],
    },
  },
  'absolute dates and explicit range': {
    series: [{ ...pageviews, math: 'dau' }],
    interval: 'hour',
    dateRange: { date_from: '2025-03-29 20:00', date_to: '2025-03-30T06:00:00', explicitDate: true },
  },
  'mStart to today': { series: [pageviews], dateRange: { date_from: 'mStart' } },
  'all time': {
    series: [{ kind: 'EventsNode', event: 'purchase' }],
    interval: 'month',
    dateRange: { date_from: 'all' },
  },
};

describe.each(SCENARIOS)('trends matches the oracle: $name', (scenario) => {
  it.each(Object.entries(QUERIES))('%s', async (_name, body) => {
    expect(await engineVersusOracle({ kind: 'TrendsQuery', ...body }, scenario, loaded)).toBeNull();
  });
});
