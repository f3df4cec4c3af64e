import { describe, expect, it } from 'vitest';
import { RunnableInsightVizNode } from '../query/runnable-insight-query.js';
import { StoredRetentionQuery } from '../query/stored-insight-query.js';
import { retentionHeuristicSuggestions } from './retention-heuristics.js';

function retention(filter: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return StoredRetentionQuery.parse({ kind: 'RetentionQuery', retentionFilter: filter, ...extra });
}

const PAGEVIEW = { id: '$pageview', type: 'events' };

describe('retention heuristic suggestions (spec §5)', () => {
  it('suggests stickiness then lifecycle of the returning event, with the exact titles and descriptions', () => {
    const [stickiness, lifecycle, ...rest] = retentionHeuristicSuggestions(retention({ returningEntity: PAGEVIEW }));

    expect(rest).toEqual([]);
    expect(stickiness).toEqual({
      title: 'Stickiness of users who performed $pageview',
      description: 'See how frequently retained users perform this event (days per week)',
      targetQuery: {
        kind: 'InsightVizNode',
        source: {
          kind: 'StickinessQuery',
          series: [{ kind: 'EventsNode', event: '$pageview' }],
          interval: 'day',
          stickinessFilter: {},
        },
      },
    });
    expect(lifecycle).toEqual({
      title: 'Lifecycle of users who perform $pageview',
      description: 'See lifecycle of users who perform this event (new vs returning vs resurrecting vs dormant)',
      targetQuery: {
        kind: 'InsightVizNode',
        source: {
          kind: 'LifecycleQuery',
          series: [{ kind: 'EventsNode', event: '$pageview' }],
          interval: 'day',
          lifecycleFilter: {},
        },
      },
    });
  });

  it.each([
    ['Month', 'week', 'weeks per month'],
    ['Week', 'day', 'days per week'],
    ['Hour', 'hour', 'hours per day'],
    ['Day', 'day', 'days per week'],
  ])('maps period %s to interval %s (%s)', (period, interval, words) => {
    const [stickiness, lifecycle] = retentionHeuristicSuggestions(retention({ returningEntity: PAGEVIEW, period }));
    expect(stickiness!.description).toBe(`See how frequently retained users perform this event (${words})`);
    expect(stickiness!.targetQuery.source).toMatchObject({ interval });
    expect(lifecycle!.targetQuery.source).toMatchObject({ interval });
  });

  it('copies the date range, properties and test-account switch into both queries', () => {
    const properties = [{ key: '$browser', value: 'Chrome', operator: 'exact', type: 'event' }];
    const query = retention(
      { returningEntity: PAGEVIEW },
      { dateRange: { date_from: '-30d', date_to: null }, properties, filterTestAccounts: true },
    );
    for (const suggestion of retentionHeuristicSuggestions(query)) {
      expect(suggestion.targetQuery.source).toMatchObject({
        dateRange: { date_from: '-30d' },
        properties,
        filterTestAccounts: true,
      });
      expect(JSON.stringify(suggestion.targetQuery)).not.toContain('null');
    }
  });

  it('keeps the entity name, custom name and properties on the series', () => {
    const entity = {
      id: 'signed_up',
      type: 'events',
      name: 'signed_up',
      custom_name: 'Sign up',
      properties: [{ key: 'plan', value: 'pro', type: 'event' }],
    };
    const [stickiness] = retentionHeuristicSuggestions(retention({ returningEntity: entity }));
    expect(stickiness!.targetQuery.source).toMatchObject({
      series: [
        {
          kind: 'EventsNode',
          event: 'signed_up',
          name: 'signed_up',
          custom_name: 'Sign up',
          properties: entity.properties,
        },
      ],
    });
  });

  it('recognises an events entity by its kind as well as its type', () => {
    expect(retentionHeuristicSuggestions(retention({ returningEntity: { id: 'x', kind: 'EventsNode' } }))).toHaveLength(
      2,
    );
  });

  it('falls back to the name, then to "event", when the entity has no id', () => {
    const [named] = retentionHeuristicSuggestions(
      retention({ returningEntity: { type: 'events', name: 'Signed up' } }),
    );
    expect(named!.title).toBe('Stickiness of users who performed Signed up');
    const [unnamed] = retentionHeuristicSuggestions(retention({ returningEntity: { type: 'events' } }));
    expect(unnamed!.title).toBe('Stickiness of users who performed event');
  });

  it('uses a numeric id for the title but not as an event name', () => {
    const [stickiness] = retentionHeuristicSuggestions(retention({ returningEntity: { id: 5, type: 'events' } }));
    expect(stickiness!.title).toBe('Stickiness of users who performed 5');
    expect(stickiness!.targetQuery.source).toMatchObject({ series: [{ kind: 'EventsNode' }] });
    expect(JSON.stringify(stickiness!.targetQuery)).not.toContain('"event"');
  });

  it('suggests nothing without a returning entity, or for an action (we cannot run actions)', () => {
    expect(retentionHeuristicSuggestions(retention({}))).toEqual([]);
    expect(
      retentionHeuristicSuggestions(retention({ returningEntity: { id: 3, type: 'actions', name: 'Signed up' } })),
    ).toEqual([]);
  });

  it('builds queries our engine runs', () => {
    for (const suggestion of retentionHeuristicSuggestions(retention({ returningEntity: PAGEVIEW, period: 'Month' }))) {
      expect(RunnableInsightVizNode.safeParse(suggestion.targetQuery).success).toBe(true);
    }
  });
});
