import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from './errors.js';
import { runQuery } from './run-query.js';
import { buildDataset } from './testing/build-dataset.js';
import { type LoadedDataset, loadIntoTestDatabase } from './testing/engine-fixture.js';
import { runOn } from './testing/run-on-dataset.js';

let loaded: LoadedDataset;
beforeAll(async () => {
  loaded = await loadIntoTestDatabase(
    buildDataset({
      persons: { p1: { properties: { email: 'a@posthog.com' } }, p2: { properties: { email: 'b@example.com' } } },
      events: [
        ['$pageview', 'p1', '2024-11-03T10:00:00Z'],
        ['$pageview', 'p2', '2025-01-14T10:00:00Z'],
        ['$pageview', 'p2', '2025-01-15T10:00:00Z'],
      ],
    }),
  );
});
afterAll(async () => {
  await loaded?.close();
});

const NOW = '2025-01-15T12:00:00Z';
const pageviews = { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] };

describe('runQuery', () => {
  it('resolves date_from "all" to the earliest event of the series', async () => {
    const response = await runOn(
      loaded,
      { ...pageviews, interval: 'month', dateRange: { date_from: 'all' } },
      { now: NOW },
    );
    const [series] = response.results as Array<{ days: string[]; data: number[] }>;
    expect(series!.days).toEqual(['2024-11-01', '2024-12-01', '2025-01-01']);
    expect(series!.data).toEqual([1, 0, 2]);
  });

  it("ANDs the project's test-account filters only when filterTestAccounts is set", async () => {
    const testAccountFilters = [{ key: 'email', value: '@posthog.com', operator: 'not_icontains', type: 'person' }];
    const options = { now: NOW, testAccountFilters };
    const all = await runOn(
      loaded,
      { ...pageviews, trendsFilter: { display: 'BoldNumber' }, dateRange: { date_from: 'all' } },
      options,
    );
    const filtered = await runOn(
      loaded,
      {
        ...pageviews,
        trendsFilter: { display: 'BoldNumber' },
        dateRange: { date_from: 'all' },
        filterTestAccounts: true,
      },
      options,
    );
    expect((all.results as Array<{ aggregated_value: number }>)[0]!.aggregated_value).toBe(3);
    expect((filtered.results as Array<{ aggregated_value: number }>)[0]!.aggregated_value).toBe(2);
  });

  it('answers an invalid regular expression with a 400', async () => {
    const query = {
      ...pageviews,
      properties: [{ key: '$browser', value: '(unclosed', operator: 'regex', type: 'event' }],
    };
    await expect(runOn(loaded, query, { now: NOW })).rejects.toBeInstanceOf(QueryError);
  });

  it('refuses an unknown time zone and invalid test-account filters', async () => {
    await expect(runOn(loaded, pageviews, { now: NOW, timezone: 'Mars/Olympus' })).rejects.toMatchObject({
      body: { type: 'validation_error', attr: 'timezone' },
    });
    await expect(
      runOn(
        loaded,
        { ...pageviews, filterTestAccounts: true },
        { now: NOW, testAccountFilters: [{ key: 'x', type: 'cohort', value: 1 }] },
      ),
    ).rejects.toMatchObject({ body: { attr: 'filterTestAccounts__0__type' } });
  });

  it('rejects without running anything once the signal has aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      runQuery(pageviews, {
        project: { timezone: 'UTC', weekStartDay: 0, testAccountFilters: [] },
        projectId: 1,
        now: new Date(NOW),
        schema: loaded.schema,
        backend: loaded.backend,
        signal: controller.signal,
      }),
    ).rejects.toThrow(/abort/i);
  });
});
