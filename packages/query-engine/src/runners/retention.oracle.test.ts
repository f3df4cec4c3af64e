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

const QUERIES: Record<string, Record<string, unknown>> = {
  'defaults: recurring daily $pageview': { retentionFilter: {} },
  'first time, weekly': {
    retentionFilter: { retentionType: 'retention_first_time', period: 'Week', totalIntervals: 5 },
  },
  'first ever occurrence with entity properties': {
    retentionFilter: {
      retentionType: 'retention_first_ever_occurrence',
      targetEntity: {
        id: '$pageview',
        type: 'events',
        properties: [{ key: '$browser', value: 'Chrome', type: 'event' }],
      },
      returningEntity: { id: 'clicked', type: 'events' },
    },
  },
  hourly: { retentionFilter: { period: 'Hour', totalIntervals: 12 } },
  'monthly over a given range': {
    retentionFilter: { period: 'Month', totalIntervals: 3 },
    dateRange: { date_from: '-60d' },
  },
  'cumulative, cohorts and returns on the same events': {
    retentionFilter: { cumulative: true, period: 'Day', totalIntervals: 7 },
  },
  'hourly beyond 63 intervals': { retentionFilter: { period: 'Hour', totalIntervals: 80 } },
  'cumulative with minimum occurrences': {
    retentionFilter: { cumulative: true, minimumOccurrences: 2, totalIntervals: 10 },
    dateRange: { date_from: '-10d' },
  },
  'different target and returning events with filters': {
    retentionFilter: {
      targetEntity: { id: 'signed_up', type: 'events' },
      returningEntity: { id: null, type: 'events' },
      totalIntervals: 6,
    },
    properties: [{ key: 'country', value: ['US', 'GB'], type: 'person' }],
    filterTestAccounts: true,
  },
  'event breakdown with Other': {
    retentionFilter: { totalIntervals: 4 },
    breakdownFilter: { breakdown: '$browser', breakdown_limit: 3 },
  },
  'person breakdown': {
    retentionFilter: { retentionType: 'retention_first_time' },
    breakdownFilter: { breakdown: 'plan', breakdown_type: 'person' },
  },
};

describe.each(SCENARIOS)('retention matches the oracle: $name', (scenario) => {
  it.each(Object.entries(QUERIES))('%s', async (_name, body) => {
    expect(await engineVersusOracle({ kind: 'RetentionQuery', ...body }, scenario, loaded)).toBeNull();
  });
});
