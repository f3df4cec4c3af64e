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
  'stickiness daily': { kind: 'StickinessQuery', series: [pageviews] },
  'stickiness cumulative, weekly, compared': {
    kind: 'StickinessQuery',
    series: [pageviews, { kind: 'EventsNode', event: 'clicked' }],
    interval: 'week',
    dateRange: { date_from: '-30d' },
    stickinessFilter: { computedAs: 'cumulative' },
    compareFilter: { compare: true },
  },
  'stickiness with a criterion and filters': {
    kind: 'StickinessQuery',
    series: [{ ...pageviews, properties: [{ key: '$browser', value: 'Safari', type: 'event' }] }],
    stickinessFilter: { stickinessCriteria: { operator: 'gte', value: 2 } },
    filterTestAccounts: true,
  },
  'stickiness hourly, exact criterion': {
    kind: 'StickinessQuery',
    series: [{ kind: 'EventsNode', event: null }],
    interval: 'hour',
    dateRange: { date_from: '-24h' },
    stickinessFilter: { stickinessCriteria: { operator: 'exact', value: 1 } },
  },
  'lifecycle daily': { kind: 'LifecycleQuery', series: [pageviews] },
  'lifecycle weekly with filters': {
    kind: 'LifecycleQuery',
    series: [{ ...pageviews, properties: [{ key: '$os', value: 'Windows', operator: 'is_not', type: 'event' }] }],
    interval: 'week',
    dateRange: { date_from: '-30d' },
    filterTestAccounts: true,
  },
  'lifecycle hourly over all events': {
    kind: 'LifecycleQuery',
    series: [{ kind: 'EventsNode', event: null }],
    interval: 'hour',
    dateRange: { date_from: '-36h' },
  },
  'lifecycle monthly': {
    kind: 'LifecycleQuery',
    series: [pageviews],
    interval: 'month',
    dateRange: { date_from: '-40d' },
  },
};

describe.each(SCENARIOS)('stickiness and lifecycle match the oracle: $name', (scenario) => {
  it.each(Object.entries(QUERIES))('%s', async (_name, query) => {
    expect(await engineVersusOracle(query, scenario, loaded)).toBeNull();
  });
});
