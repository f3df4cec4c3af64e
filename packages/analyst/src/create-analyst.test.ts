import { describe, expect, it } from 'vitest';
import { createAnalyst } from './create-analyst.js';
import { RunnableInsightVizNode } from './query/runnable-insight-query.js';
import { isAnalysableInsightQuery } from './query/stored-insight-query.js';

const analyst = createAnalyst();
const request = { timezone: 'UTC', teamId: 1, requestId: 'req-1' };
const trends = {
  kind: 'InsightVizNode',
  source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] },
};

describe('the built-in analyst (no model configured)', () => {
  it('uses no model', () => {
    expect(analyst.usesModel).toBe(false);
  });

  it.each([
    ['no query', null],
    ['a HogQL query', { kind: 'HogQLQuery', query: 'select 1' }],
    ['a data table', { kind: 'DataTableNode', source: { kind: 'EventsQuery', select: ['*'] } }],
    ['a data visualization', { kind: 'DataVisualizationNode', source: { kind: 'HogQLQuery', query: 'select 1' } }],
    ['a paths insight, which we cannot run', { kind: 'InsightVizNode', source: { kind: 'PathsQuery' } }],
    ['a legacy filters-only value', { insight: 'TRENDS', events: [{ id: '$pageview' }] }],
  ])('answers "" to analyze and [] to suggestions for %s', async (_, query) => {
    expect(isAnalysableInsightQuery(query)).toBe(false);
    expect(await analyst.analyze({ ...request, query, results: [{ data: [1] }] })).toBe('');
    expect(await analyst.suggest({ ...request, query, results: [{ data: [1] }] })).toEqual([]);
  });

  it('analyses an InsightVizNode from its results', async () => {
    const results = [{ data: [1, 3], days: ['2025-01-01', '2025-01-02'], count: 4, label: '$pageview', order: 0 }];
    const text = await analyst.analyze({ ...request, query: trends, results });
    expect(text.split('\n')[0]).toBe(
      '$pageview totalled 4 events from 1 Jan 2025 to 2 Jan 2025, up 200.0% from the first half of the range to the second.',
    );
    expect(text).not.toMatch(/\*\*|__|^#/m);
  });

  it('says so when no results are available yet', async () => {
    expect(await analyst.analyze({ ...request, query: trends, results: null })).toBe(
      'No results are available for this trends insight yet.\nTakeaway: Refresh the insight to calculate its results, then ask for the analysis again.',
    );
  });

  it('suggests runnable follow-ups without results', async () => {
    const suggestions = await analyst.suggest({ ...request, query: trends, results: null });
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    for (const suggestion of suggestions)
      expect(RunnableInsightVizNode.safeParse(suggestion.targetQuery).success).toBe(true);
  });

  it('names a query, and gives an unreadable one a generic name instead of failing', async () => {
    expect(await analyst.generateMetadata({ query: trends, teamId: 1, requestId: 'r' })).toEqual({
      name: 'Pageviews per Day',
      description: 'Tracks $pageview events per day.',
    });
    expect((await analyst.generateMetadata({ query: { kind: 'Nope' }, teamId: 1, requestId: 'r' })).name).toBe(
      'Untitled Insight Query',
    );
  });
});
