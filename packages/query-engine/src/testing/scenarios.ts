import type { Dataset } from './dataset.js';
import { generateDataset } from './generate-dataset.js';
import type { OracleProject } from './oracle/project.js';

/** A project setting and a "now" to run queries at, chosen so that relative ranges cross a DST change. */
export interface Scenario {
  name: string;
  project: OracleProject;
  now: Date;
}

export const TEST_ACCOUNT_FILTERS = [
  { key: 'email', value: '@posthog.com', operator: 'not_icontains', type: 'person' },
];

export const SCENARIOS: Scenario[] = [
  {
    name: 'Europe/London across the March clock change',
    project: { timezone: 'Europe/London', weekStartDay: 1, testAccountFilters: TEST_ACCOUNT_FILTERS },
    now: new Date('2025-04-02T10:37:00Z'),
  },
  {
    name: 'America/New_York across the November clock change',
    project: { timezone: 'America/New_York', weekStartDay: 0, testAccountFilters: TEST_ACCOUNT_FILTERS },
    now: new Date('2025-11-05T15:12:00Z'),
  },
  {
    name: 'UTC',
    project: { timezone: 'UTC', weekStartDay: 0, testAccountFilters: TEST_ACCOUNT_FILTERS },
    now: new Date('2025-04-02T23:30:00Z'),
  },
];

/**
 * The shared test data set: two windows of activity (spring in London, autumn in New York), a few thousand events
 * in all, fixed seeds.
 */
export function generateScenarioDataset(): Dataset {
  const spring = generateDataset({
    seed: 20250330,
    end: new Date('2025-04-02T10:30:00Z'),
    days: 40,
    eventCount: 2200,
    personCount: 120,
  });
  const autumn = generateDataset({
    seed: 20251102,
    end: new Date('2025-11-05T15:00:00Z'),
    days: 40,
    eventCount: 2200,
    personCount: 120,
  });
  return {
    projectId: 1,
    events: [...spring.events, ...autumn.events],
    persons: [...spring.persons, ...autumn.persons],
    overrides: [...spring.overrides, ...autumn.overrides],
  };
}
