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

const step = (event: string | null, extra: Record<string, unknown> = {}) => ({ kind: 'EventsNode', event, ...extra });
const signupFlow = [step('$pageview'), step('viewed_pricing'), step('signed_up')];
const QUERIES: Record<string, Record<string, unknown>> = {
  'ordered, 14-day window over -30d': { series: signupFlow, dateRange: { date_from: '-30d' } },
  'ordered, one-hour window': {
    series: signupFlow,
    dateRange: { date_from: '-30d' },
    funnelsFilter: { funnelWindowInterval: 1, funnelWindowIntervalUnit: 'hour' },
  },
  'ordered, same event twice': {
    series: [step('$pageview'), step('$pageview'), step('purchase')],
    dateRange: { date_from: '-14d' },
  },
  strict: {
    series: [step('$pageview'), step('viewed_pricing')],
    funnelsFilter: { funnelOrderType: 'strict' },
    dateRange: { date_from: '-30d' },
  },
  unordered: {
    series: [step('signed_up'), step('viewed_pricing'), step('purchase')],
    funnelsFilter: { funnelOrderType: 'unordered', funnelWindowInterval: 3 },
    dateRange: { date_from: '-30d' },
  },
  'step filters, global filters and test accounts': {
    series: [
      step('$pageview', {
        properties: [{ key: '$current_url', value: 'pricing', operator: 'icontains', type: 'event' }],
      }),
      step('purchase', { properties: [{ key: 'amount', value: 50, operator: 'gte', type: 'event' }] }),
    ],
    properties: [{ key: '$os', value: 'Linux', operator: 'is_not', type: 'event' }],
    filterTestAccounts: true,
    dateRange: { date_from: '-30d' },
  },
  'all events as the first step': { series: [step(null), step('purchase')], dateRange: { date_from: '-7d' } },
  'breakdown by browser with Other': {
    series: signupFlow,
    breakdownFilter: { breakdown: '$browser', breakdown_limit: 3 },
    dateRange: { date_from: '-30d' },
  },
  'last-touch person breakdown': {
    series: [step('$pageview'), step('signed_up')],
    breakdownFilter: { breakdown: 'plan', breakdown_type: 'person' },
    funnelsFilter: { breakdownAttributionType: 'last_touch' },
    dateRange: { date_from: '-30d' },
  },
  'multiple breakdowns': {
    series: [step('$pageview'), step('signed_up')],
    breakdownFilter: { breakdowns: [{ property: '$os' }, { property: 'country', type: 'person' }] },
    dateRange: { date_from: '-14d' },
  },
  'time to convert': {
    series: signupFlow,
    funnelsFilter: { funnelVizType: 'time_to_convert' },
    dateRange: { date_from: '-30d' },
  },
  'time to convert between steps with bins': {
    series: signupFlow,
    funnelsFilter: { funnelVizType: 'time_to_convert', funnelFromStep: 1, funnelToStep: 2, binCount: 5 },
    dateRange: { date_from: '-30d' },
  },
  'conversion trends, weekly': {
    series: signupFlow,
    interval: 'week',
    funnelsFilter: { funnelVizType: 'trends' },
    dateRange: { date_from: '-30d' },
  },
  'conversion trends between steps, daily': {
    series: signupFlow,
    funnelsFilter: { funnelVizType: 'trends', funnelFromStep: 1, funnelToStep: 2 },
    dateRange: { date_from: '-14d' },
  },
};

describe.each(SCENARIOS)('funnels match the oracle: $name', (scenario) => {
  it.each(Object.entries(QUERIES))('%s', async (_name, body) => {
    expect(await engineVersusOracle({ kind: 'FunnelsQuery', ...body }, scenario, loaded)).toBeNull();
  });
});
