import { describe, expect, it } from 'vitest';
import { countWords } from '../text/title-case.js';
import { builtInMetadata } from './built-in-metadata.js';
import { readMetadataQuery } from './metadata-query.js';

function metadata(query: unknown) {
  const parsed = readMetadataQuery(query);
  if (!parsed) throw new Error('test query is invalid');
  return builtInMetadata(parsed);
}

const viz = (source: unknown) => ({ kind: 'InsightVizNode', source });
const pageview = { kind: 'EventsNode', event: '$pageview' };
const signedUp = { kind: 'EventsNode', event: 'signed_up' };
const trend = (extra: Record<string, unknown> = {}, series: unknown[] = [pageview]) =>
  viz({ kind: 'TrendsQuery', series, ...extra });

const QUERIES = {
  trend: trend(),
  trendOfUniqueUsers: trend({}, [{ ...pageview, math: 'dau' }]),
  trendBySignup: trend({}, [signedUp]),
  trendByBrowser: trend({ breakdownFilter: { breakdown: '$browser', breakdown_type: 'event' } }),
  trendByOs: trend({ breakdownFilter: { breakdown: '$os', breakdown_type: 'event' } }),
  trendWeekly: trend({ interval: 'week' }),
  trendComparing: trend({ compareFilter: { compare: true } }),
  trendBoldNumber: trend({ trendsFilter: { display: 'BoldNumber' } }),
  trendOfSessionDuration: trend({}, [{ ...pageview, math: 'avg', math_property: '$session_duration' }]),
  trendOfSeven: trend(
    {},
    ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((event) => ({ kind: 'EventsNode', event })),
  ),
  funnel: viz({ kind: 'FunnelsQuery', series: [pageview, signedUp] }),
  funnelByBrowser: viz({
    kind: 'FunnelsQuery',
    series: [pageview, signedUp],
    breakdownFilter: { breakdown: '$browser' },
  }),
  longFunnel: viz({
    kind: 'FunnelsQuery',
    series: ['landing', 'signup', 'onboarding', 'trial', 'checkout'].map((event) => ({ kind: 'EventsNode', event })),
  }),
  retention: viz({ kind: 'RetentionQuery', retentionFilter: {} }),
  retentionWeekly: viz({
    kind: 'RetentionQuery',
    retentionFilter: {
      period: 'Week',
      targetEntity: { id: 'signed_up', type: 'events' },
      returningEntity: { id: '$pageview', type: 'events' },
    },
  }),
  stickiness: viz({ kind: 'StickinessQuery', series: [pageview] }),
  lifecycle: viz({ kind: 'LifecycleQuery', series: [pageview] }),
  paths: viz({
    kind: 'PathsQuery',
    pathsFilter: { includeEventTypes: ['$pageview', '$screen'], startPoint: 'https://example.com/project/1/insights' },
  }),
  events: {
    kind: 'EventsQuery',
    select: ['*'],
    event: '$pageview',
    after: '-1h',
    properties: [{ key: '$browser', value: 'Chrome', type: 'event' }],
  },
  allEvents: { kind: 'EventsQuery', select: ['*'] },
  actors: {
    kind: 'ActorsQuery',
    source: {
      kind: 'InsightActorsQuery',
      status: 'resurrecting',
      source: { kind: 'LifecycleQuery', series: [pageview] },
    },
  },
  funnelActors: {
    kind: 'ActorsQuery',
    source: {
      kind: 'FunnelsActorsQuery',
      funnelStep: -2,
      source: { kind: 'FunnelsQuery', series: [pageview, signedUp] },
    },
  },
  persons: { kind: 'ActorsQuery', search: 'acme' },
  groups: { kind: 'GroupsQuery', group_type_index: 0 },
};

describe('built-in metadata names', () => {
  it.each([
    ['trend', 'Pageviews per Day'],
    ['trendOfUniqueUsers', 'Pageview Unique Users per Day'],
    ['trendBySignup', 'Signed Up Events per Day'],
    ['trendByBrowser', 'Pageviews per Day by Browser'],
    ['trendComparing', 'Pageviews per Day vs Previous Period'],
    ['trendBoldNumber', 'Total Pageviews in Range'],
    ['trendOfSessionDuration', 'Pageview Average Session Duration per Day'],
    ['trendOfSeven', 'A Events and Other Key Metrics per Day'],
    ['funnel', 'Pageview → Signed Up Conversion'],
    ['funnelByBrowser', 'Pageview → Signed Up Conversion by Browser'],
    ['longFunnel', 'Landing → Checkout Conversion in 5 Steps'],
    ['retention', 'Daily Pageview Retention'],
    ['retentionWeekly', 'Weekly Retention: Signed Up → Pageview'],
    ['stickiness', 'Daily Pageview Stickiness'],
    ['lifecycle', 'Daily Pageview Lifecycle'],
    ['paths', 'Page & Screen Paths from Insights Page'],
    ['events', 'Pageviews in the Last Hour on Chrome'],
    ['allEvents', 'All Captured Events'],
    ['actors', 'Resurrecting Persons on Pageviews'],
    ['funnelActors', 'Persons Who Dropped Off at Step 2: Pageview → Signed Up'],
    ['persons', 'Persons Matching "acme"'],
    ['groups', 'Groups of Type 0'],
  ] as const)('names the %s query "%s"', (key, name) => {
    expect(metadata(QUERIES[key]).name).toBe(name);
  });

  it('keeps every name in Title Case with 3 to 12 words', () => {
    for (const [key, query] of Object.entries(QUERIES)) {
      const { name } = metadata(query);
      expect(countWords(name), `${key}: ${name}`).toBeGreaterThanOrEqual(3);
      expect(countWords(name), `${key}: ${name}`).toBeLessThanOrEqual(12);
      const minor = new Set([
        'a',
        'an',
        'and',
        'as',
        'at',
        'by',
        'for',
        'from',
        'in',
        'of',
        'on',
        'or',
        'per',
        'the',
        'to',
        'vs',
        'with',
        'after',
      ]);
      for (const word of name.split(' ').slice(1)) {
        if (/^[a-z]/.test(word)) expect(minor.has(word), `${key}: "${word}" in ${name}`).toBe(true);
      }
    }
  });

  it('says "by <dimension>" only for a breakdown', () => {
    for (const [key, query] of Object.entries(QUERIES)) {
      const hasBreakdown = key.endsWith('ByBrowser') || key === 'trendByOs';
      expect(/ by /.test(metadata(query).name), key).toBe(hasBreakdown);
    }
  });

  it('gives different names to queries that differ in event, math, breakdown, interval or kind', () => {
    const names = Object.values(QUERIES).map((query) => metadata(query).name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('caps a very long name at twelve words and truncates long text', () => {
    const longName = Array.from({ length: 30 }, (_, index) => `word${index}`).join(' ');
    const { name } = metadata(trend({}, [{ ...pageview, custom_name: longName }]));
    expect(countWords(name)).toBe(12);
    const longEvent = 'e'.repeat(200);
    const long = metadata(trend({}, [{ kind: 'EventsNode', event: longEvent }]));
    expect(long.name).toHaveLength(100);
    expect(long.name.endsWith('...')).toBe(true);
    expect(long.description).toHaveLength(200);
    expect(long.description.endsWith('...')).toBe(true);
  });
});

describe('built-in metadata descriptions', () => {
  it.each([
    ['trend', 'Tracks $pageview events per day.'],
    ['trendOfUniqueUsers', 'Tracks unique users doing $pageview per day.'],
    ['trendByBrowser', 'Tracks $pageview events per day, broken down by $browser.'],
    ['trendComparing', 'Tracks $pageview events per day, compared with the previous period.'],
    ['funnel', 'Shows how many users go from $pageview to signed_up, in that order, within 14 days.'],
    ['retentionWeekly', 'Shows how many users who did signed_up come back to do $pageview in each following week.'],
    ['stickiness', 'Shows on how many days in the range users did $pageview.'],
    ['lifecycle', 'Splits the users doing $pageview into new, returning, resurrecting and dormant, day by day.'],
    ['events', 'Lists $pageview events in the last hour where $browser is Chrome.'],
    ['funnelActors', 'Lists the persons who dropped off at step 2 (signed_up) of the funnel.'],
    ['groups', 'Lists groups of type 0.'],
  ] as const)('describes the %s query in one sentence', (key, description) => {
    expect(metadata(QUERIES[key]).description).toBe(description);
  });

  it('writes every description as one plain sentence', () => {
    for (const [key, query] of Object.entries(QUERIES)) {
      const { description } = metadata(query);
      expect(description, key).toMatch(/^[A-Z][^\n]*\.$/);
      expect(description.slice(0, -1), key).not.toMatch(/[.!?]\s/);
    }
  });
});
