import { describe, expect, it } from 'vitest';
import { readMetadataQuery } from './metadata-query.js';
import { summarizeQueryForNaming } from './summarize-query-for-naming.js';

function summary(query: unknown): string {
  const parsed = readMetadataQuery(query);
  if (!parsed) throw new Error('test query is invalid');
  return summarizeQueryForNaming(parsed);
}

const viz = (source: unknown) => ({ kind: 'InsightVizNode', source });

describe('query summary for naming (§9 step 3)', () => {
  it('lists trend series with their math labels, the interval and the breakdown', () => {
    const text = summary(
      viz({
        kind: 'TrendsQuery',
        series: [
          { kind: 'EventsNode', event: '$pageview', math: 'dau' },
          { kind: 'EventsNode', event: 'purchase', math: 'avg', math_property: 'amount' },
          { kind: 'EventsNode', event: null },
          { kind: 'ActionsNode', id: 7 },
        ],
        interval: 'week',
        breakdownFilter: { breakdown: '$browser' },
      }),
    );
    expect(text).toBe(
      [
        'Type: TrendsQuery',
        'Series: $pageview (unique users), purchase (average) of amount, All events, Action #7',
        'Interval: week',
        'Breakdown: $browser',
      ].join('\n'),
    );
  });

  it('joins funnel steps with arrows and names multiple breakdowns', () => {
    const text = summary(
      viz({
        kind: 'FunnelsQuery',
        series: [
          { kind: 'EventsNode', event: '$pageview', custom_name: 'Landing' },
          { kind: 'EventsNode', event: 'signed_up' },
        ],
        breakdownFilter: { breakdowns: [{ property: '$browser' }, { property: '$os' }] },
        aggregation_group_type_index: 0,
      }),
    );
    expect(text).toBe(
      [
        'Type: FunnelsQuery',
        'Funnel steps: Landing → signed_up',
        'Breakdowns: $browser, $os',
        'Aggregating by: group type 0',
      ].join('\n'),
    );
  });

  it('names retention entities and period, and paths points', () => {
    expect(
      summary(
        viz({
          kind: 'RetentionQuery',
          retentionFilter: {
            period: 'Week',
            targetEntity: { id: 'signed_up', type: 'events' },
            returningEntity: { id: '$pageview' },
          },
        }),
      ),
    ).toBe(
      ['Type: RetentionQuery', 'Returning event: $pageview', 'Target event: signed_up', 'Period: Week'].join('\n'),
    );
    expect(
      summary(
        viz({ kind: 'PathsQuery', pathsFilter: { includeEventTypes: ['$pageview', '$screen'], startPoint: '/home' } }),
      ),
    ).toBe(['Type: PathsQuery', 'Path type: $pageview, $screen', 'Start point: /home'].join('\n'));
  });

  it('describes an actors view narrowed to its series, with the funnel step it lists', () => {
    const text = summary({
      kind: 'ActorsQuery',
      source: {
        kind: 'FunnelsActorsQuery',
        funnelStep: -2,
        source: {
          kind: 'FunnelsQuery',
          series: [
            { kind: 'EventsNode', event: '$pageview' },
            { kind: 'EventsNode', event: 'signed_up' },
          ],
        },
      },
    });
    expect(text).toBe(
      [
        'Actors view for:',
        'Type: FunnelsQuery',
        'Funnel steps: $pageview → signed_up',
        'Actor type: persons',
        'Dropped off at step 2 (signed_up)',
      ].join('\n'),
    );
  });

  it('describes lifecycle status, stickiness day and breakdown value of an actors view', () => {
    const text = summary({
      kind: 'ActorsQuery',
      source: {
        kind: 'InsightActorsQuery',
        status: 'resurrecting',
        series: 1,
        breakdown: 'Chrome',
        source: {
          kind: 'TrendsQuery',
          series: [
            { kind: 'EventsNode', event: 'a' },
            { kind: 'EventsNode', event: 'b', math: 'unique_session' },
          ],
          breakdownFilter: { breakdown: '$browser' },
        },
      },
    });
    expect(text).toContain('Series: b (unique sessions)');
    expect(text).toContain('Actor type: sessions');
    expect(text).toContain('Lifecycle status: resurrecting');
    expect(text).toContain('Filtered to breakdown $browser = Chrome');
  });

  it('summarises events, standalone actors and groups queries', () => {
    expect(
      summary({
        kind: 'EventsQuery',
        select: ['*'],
        events: ['a', 'b'],
        after: '-24h',
        properties: [
          { key: '$browser', value: 'Chrome', operator: 'exact', type: 'event' },
          { key: 'id', value: 3, type: 'cohort', cohort_name: 'Real persons' },
        ],
        where: ['1 = 1'],
      }),
    ).toBe(
      [
        'Type: EventsQuery',
        'Events: a, b',
        "Property filters: $browser exact Chrome, in cohort 'Real persons'",
        'HogQL filters: 1 = 1',
        'Time range: after -24h',
      ].join('\n'),
    );
    expect(summary({ kind: 'ActorsQuery', search: 'acme' })).toBe('Type: ActorsQuery (person list)\nSearch: acme');
    expect(summary({ kind: 'GroupsQuery', group_type_index: 1, search: 'x' })).toBe(
      'Type: GroupsQuery\nGroup type: group type 1\nSearch: x',
    );
  });
});
