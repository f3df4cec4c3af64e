import { describe, expect, it } from 'vitest';
import { RunnableInsightVizNode } from '../query/runnable-insight-query.js';
import { type AnalysableInsightSource, readAnalysableSource } from '../query/stored-insight-query.js';
import type { FollowUpContext } from './follow-up-context.js';
import { funnelsFollowUps } from './funnels-follow-ups.js';
import type { InsightSuggestion } from './insight-suggestion.js';
import { lifecycleFollowUps } from './lifecycle-follow-ups.js';
import { retentionFollowUps } from './retention-follow-ups.js';
import { stickinessFollowUps } from './stickiness-follow-ups.js';
import { heuristicSuggestions, ruleBasedSuggestions } from './suggest-follow-ups.js';
import { trendsFollowUps } from './trends-follow-ups.js';

const pageview = { kind: 'EventsNode', event: '$pageview' };
const signedUp = { kind: 'EventsNode', event: 'signed_up' };
const scope = {
  dateRange: { date_from: '-14d' },
  properties: [{ key: '$os', value: 'Mac OS X', operator: 'exact', type: 'event' }],
  filterTestAccounts: true,
};

function source(query: Record<string, unknown>): AnalysableInsightSource {
  const parsed = readAnalysableSource({ kind: 'InsightVizNode', source: query });
  if (!parsed) throw new Error('test query is not analysable');
  return parsed;
}

/** The raw, unvalidated follow-ups of one kind (what the validation gate would otherwise hide). */
function rawFollowUps(query: AnalysableInsightSource, context: FollowUpContext): InsightSuggestion[] {
  switch (query.kind) {
    case 'TrendsQuery':
      return trendsFollowUps(query, context);
    case 'FunnelsQuery':
      return funnelsFollowUps(query, context);
    case 'RetentionQuery':
      return retentionFollowUps(query, context);
    case 'StickinessQuery':
      return stickinessFollowUps(query);
    case 'LifecycleQuery':
      return lifecycleFollowUps(query, context);
  }
}

const QUERIES: Record<string, Record<string, unknown>> = {
  'trend of one event': { kind: 'TrendsQuery', series: [pageview], ...scope },
  'trend of unique users by browser': {
    kind: 'TrendsQuery',
    series: [{ ...pageview, math: 'dau' }],
    interval: 'week',
    breakdownFilter: { breakdown: '$browser', breakdown_type: 'event' },
  },
  'trend of two series with a property math': {
    kind: 'TrendsQuery',
    series: [{ ...pageview, math: 'avg', math_property: '$session_duration' }, signedUp],
    trendsFilter: { display: 'ActionsBar', showLegend: true },
    compareFilter: { compare: true },
  },
  'trend of all events': { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: null, math: null }] },
  'funnel of three steps': {
    kind: 'FunnelsQuery',
    series: [pageview, signedUp, { kind: 'EventsNode', event: 'purchase' }],
    ...scope,
  },
  'funnel with breakdown and window': {
    kind: 'FunnelsQuery',
    series: [pageview, signedUp],
    breakdownFilter: { breakdown: '$browser' },
    funnelsFilter: { funnelWindowInterval: 7, funnelWindowIntervalUnit: 'day', funnelOrderType: 'strict' },
  },
  'retention with default entities': { kind: 'RetentionQuery', retentionFilter: {} },
  'retention from one event to another': {
    kind: 'RetentionQuery',
    retentionFilter: {
      period: 'Week',
      targetEntity: { id: 'signed_up', type: 'events' },
      returningEntity: { id: '$pageview', type: 'events' },
    },
    ...scope,
  },
  stickiness: { kind: 'StickinessQuery', series: [pageview], interval: 'day', ...scope },
  'cumulative stickiness': {
    kind: 'StickinessQuery',
    series: [pageview],
    stickinessFilter: { computedAs: 'cumulative' },
  },
  lifecycle: { kind: 'LifecycleQuery', series: [pageview], interval: 'week', ...scope },
};

const CONTEXTS: Record<string, FollowUpContext> = {
  'no results, no properties': { results: null },
  'results and common properties': {
    results: [
      { count: 100, name: '$pageview' },
      { count: 40, name: 'signed_up' },
      { count: 5, name: 'purchase' },
    ],
    commonEventProperties: ['$browser', '$os'],
  },
};

describe('rule-based follow-ups', () => {
  for (const [queryName, query] of Object.entries(QUERIES)) {
    for (const [contextName, context] of Object.entries(CONTEXTS)) {
      it(`gives at least two runnable suggestions for a ${queryName} (${contextName})`, () => {
        const parsed = source(query);
        const raw = rawFollowUps(parsed, context);
        for (const suggestion of raw) {
          const check = RunnableInsightVizNode.safeParse(suggestion.targetQuery);
          expect(check.success, `${suggestion.title}: ${check.error?.message}`).toBe(true);
          expect(JSON.stringify(suggestion.targetQuery)).not.toContain('null');
          expect(suggestion.title.length).toBeGreaterThan(0);
        }
        const all = [...heuristicSuggestions(parsed), ...ruleBasedSuggestions(parsed, context)];
        expect(all.length).toBeGreaterThanOrEqual(2);
      });
    }
  }

  it('breaks a trend without breakdown down by the most common property not already pinned by a filter', () => {
    const [first] = ruleBasedSuggestions(source(QUERIES['trend of one event']!), {
      results: null,
      commonEventProperties: ['$os', '$browser'],
    });
    expect(first!.title).toBe('$pageview by $browser');
    expect(first!.targetQuery.source).toMatchObject({
      kind: 'TrendsQuery',
      series: [pageview],
      breakdownFilter: { breakdown: '$browser', breakdown_type: 'event' },
      ...scope,
    });
  });

  it('falls back to $browser without a list only when the query filters on $browser without pinning it', () => {
    const query = {
      kind: 'TrendsQuery',
      series: [pageview],
      properties: [{ key: '$browser', value: 'Chr', operator: 'icontains', type: 'event' }],
    };
    const [first] = ruleBasedSuggestions(source(query), { results: null });
    expect(first!.title).toBe('$pageview by $browser');
    const pinned = { ...query, properties: [{ key: '$browser', value: 'Chrome', operator: 'exact', type: 'event' }] };
    expect(ruleBasedSuggestions(source(pinned), { results: null })[0]!.title).toBe('Unique users doing $pageview');
  });

  it('skips the breakdown rule when the caller knows no properties', () => {
    const titles = ruleBasedSuggestions(source(QUERIES['trend of one event']!), { results: null }).map((s) => s.title);
    expect(titles).toEqual([
      'Unique users doing $pageview',
      'Stickiness of $pageview',
      'Lifecycle of users who do $pageview',
    ]);
  });

  it('counts unique users for a total count and every event for a unique count', () => {
    const totals = ruleBasedSuggestions(source(QUERIES['trend of one event']!), { results: null });
    expect(totals[0]!.targetQuery.source).toMatchObject({ series: [{ event: '$pageview', math: 'dau' }] });
    const uniques = ruleBasedSuggestions(source(QUERIES['trend of unique users by browser']!), { results: null });
    const recount = uniques.find((s) => s.title === 'Total $pageview events')!;
    expect(recount.targetQuery.source).toMatchObject({
      series: [{ event: '$pageview', math: 'total' }],
      interval: 'week',
      breakdownFilter: { breakdown: '$browser' },
    });
  });

  it('turns the first two series of a trend into a funnel, without their maths', () => {
    const suggestions = ruleBasedSuggestions(source(QUERIES['trend of two series with a property math']!), {
      results: null,
    });
    const funnel = suggestions.find((s) => s.targetQuery.source.kind === 'FunnelsQuery')!;
    expect(funnel.title).toBe('Conversion from $pageview to signed_up');
    expect(funnel.targetQuery.source).toMatchObject({ series: [pageview, signedUp] });
  });

  it('trends the funnel step with the largest drop, taken from the results', () => {
    const results = [{ count: 1000 }, { count: 900 }, { count: 100 }];
    const [trend] = ruleBasedSuggestions(source(QUERIES['funnel of three steps']!), { results });
    expect(trend!.targetQuery.source).toMatchObject({
      kind: 'TrendsQuery',
      series: [{ event: 'purchase', math: 'dau' }],
    });
    expect(trend!.description).toContain('loses the most users (800)');
  });

  it('trends the last funnel step when there are no results', () => {
    const [trend] = ruleBasedSuggestions(source(QUERIES['funnel of three steps']!), { results: null });
    expect(trend!.targetQuery.source).toMatchObject({ series: [{ event: 'purchase', math: 'dau' }] });
  });

  it('keeps a funnel window the engine runs when breaking the funnel down', () => {
    const query = {
      ...QUERIES['funnel of three steps']!,
      funnelsFilter: { funnelWindowInterval: 3, funnelWindowIntervalUnit: 'hour' },
    };
    const byProperty = ruleBasedSuggestions(source(query), { results: null, commonEventProperties: ['$browser'] }).find(
      (s) => s.title.startsWith('Conversion by'),
    )!;
    expect(byProperty.targetQuery.source).toMatchObject({
      funnelsFilter: { funnelWindowInterval: 3, funnelWindowIntervalUnit: 'hour' },
    });
  });

  it('suggests a funnel from the start to the return event of a retention whose events differ', () => {
    const titles = ruleBasedSuggestions(source(QUERIES['retention from one event to another']!), { results: null }).map(
      (s) => s.title,
    );
    expect(titles).toEqual(['Unique users doing signed_up per week', 'Conversion from signed_up to $pageview']);
  });

  it('suggests the neighbouring period for a retention of one event, with its default date range', () => {
    const suggestions = ruleBasedSuggestions(source({ ...QUERIES['retention with default entities']!, ...scope }), {
      results: null,
    });
    const weekly = suggestions.find((s) => s.title === 'Weekly retention of $pageview')!;
    expect(weekly.targetQuery.source).toMatchObject({ retentionFilter: { period: 'Week' }, filterTestAccounts: true });
    expect(weekly.targetQuery.source).not.toHaveProperty('dateRange');
  });

  it('switches stickiness between exact and cumulative counting', () => {
    const cumulative = ruleBasedSuggestions(source(QUERIES.stickiness!), { results: null }).find((s) =>
      s.title.startsWith('Cumulative'),
    )!;
    expect(cumulative.targetQuery.source).toMatchObject({ stickinessFilter: { computedAs: 'cumulative' } });
    const exact = ruleBasedSuggestions(source(QUERIES['cumulative stickiness']!), { results: null }).find((s) =>
      s.title.includes('exact'),
    )!;
    expect(exact.targetQuery.source).toMatchObject({ stickinessFilter: { computedAs: 'non_cumulative' } });
  });

  it('drops a suggestion whose copied filters our engine cannot run instead of changing it', () => {
    const cohortFiltered = {
      kind: 'TrendsQuery',
      series: [pageview],
      properties: [{ key: 'id', value: 4, type: 'cohort' }],
    };
    expect(ruleBasedSuggestions(source(cohortFiltered), { results: null })).toEqual([]);
  });

  it('offers nothing built on an action, which we cannot run', () => {
    const actions = { kind: 'TrendsQuery', series: [{ kind: 'ActionsNode', id: 4, name: 'Signed up' }] };
    expect(ruleBasedSuggestions(source(actions), { results: null })).toEqual([]);
  });
});
