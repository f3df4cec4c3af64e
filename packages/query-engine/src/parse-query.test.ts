import { describe, expect, it } from 'vitest';
import { QueryError } from './errors.js';
import { parseQuery } from './parse-query.js';

function errorOf(node: unknown): QueryError['body'] {
  try {
    parseQuery(node);
  } catch (error) {
    if (error instanceof QueryError) {
      expect(error.status).toBe(400);
      return error.body;
    }
    throw error;
  }
  throw new Error('expected the query to be refused');
}

const trends = (extra: Record<string, unknown> = {}) => ({
  kind: 'TrendsQuery',
  series: [{ kind: 'EventsNode', event: '$pageview' }],
  ...extra,
});

describe('schema validation (parse_error)', () => {
  it('refuses unknown keys anywhere, naming the field', () => {
    const body = errorOf(trends({ colour: 'red' }));
    expect(body).toMatchObject({ type: 'invalid_request', code: 'parse_error', attr: null });
    expect(body.detail).toMatch(
      /^JSON parse error - 1 validation error for TrendsQuery\ncolour\n {2}Extra inputs are not permitted/,
    );
    expect(errorOf(trends({ series: [{ kind: 'EventsNode', event: 'x', colour: 1 }] })).detail).toContain(
      'series.0.colour',
    );
    expect(
      errorOf(
        trends({ properties: [{ key: '$browser', value: 'Chrome', operator: 'exact', type: 'event', extra: 1 }] }),
      ).detail,
    ).toContain('properties');
  });

  it('refuses unknown kinds, wrong enums and wrong types', () => {
    expect(errorOf({ kind: 'NoSuchQuery' })).toMatchObject({ type: 'invalid_request', code: 'parse_error' });
    expect(errorOf(trends({ interval: 'fortnight' })).detail).toContain('interval');
    expect(errorOf(trends({ filterTestAccounts: 'yes' })).detail).toContain('filterTestAccounts');
    expect(errorOf({ kind: 'TrendsQuery' }).detail).toContain('series\n  Field required');
    expect(errorOf([1, 2])).toMatchObject({ code: 'parse_error' });
  });
});

describe('unsupported features (validation_error)', () => {
  it.each([
    ['HogQL queries', { kind: 'HogQLQuery', query: 'select 1' }, 'kind', 'Unsupported query kind: HogQLQuery'],
    ['actions', trends({ series: [{ kind: 'ActionsNode', id: 12 }] }), 'series__0__id', 'Action 12 does not exist.'],
    [
      'HogQL math',
      trends({ series: [{ kind: 'EventsNode', event: 'x', math: 'hogql', math_hogql: 'count()' }] }),
      'series__0__math',
      null,
    ],
    ['group aggregation', trends({ aggregation_group_type_index: 0 }), 'aggregation_group_type_index', null],
    [
      'group breakdowns',
      trends({ breakdownFilter: { breakdown: 'name', breakdown_type: 'group', breakdown_group_type_index: 0 } }),
      'breakdownFilter__breakdown_type',
      null,
    ],
    ['cohort filters', trends({ properties: [{ key: 'id', value: 3, type: 'cohort' }] }), 'properties__0__type', null],
    [
      'session filters',
      trends({
        properties: {
          type: 'AND',
          values: [{ type: 'OR', values: [{ key: '$session_duration', value: 3, operator: 'gt', type: 'session' }] }],
        },
      }),
      'properties__values__0__values__0__type',
      null,
    ],
    [
      'element filters on a series',
      trends({
        series: [{ kind: 'EventsNode', event: 'x', properties: [{ key: 'text', value: 'Buy', type: 'element' }] }],
      }),
      'series__0__properties__0__type',
      null,
    ],
    [
      'unsupported operators',
      trends({ properties: [{ key: 'a', value: [1, 2], operator: 'between', type: 'event' }] }),
      'properties__0__operator',
      null,
    ],
    [
      'data warehouse series',
      trends({
        series: [
          {
            kind: 'DataWarehouseNode',
            id: 't',
            id_field: 'id',
            table_name: 't',
            timestamp_field: 'ts',
            distinct_id_field: 'd',
          },
        ],
      }),
      'series__0__kind',
      null,
    ],
    [
      'session duration maths',
      trends({ series: [{ kind: 'EventsNode', event: 'x', math: 'avg', math_property: '$session_duration' }] }),
      'series__0__math_property',
      null,
    ],
    [
      'funnel exclusions',
      {
        kind: 'FunnelsQuery',
        series: [
          { kind: 'EventsNode', event: 'a' },
          { kind: 'EventsNode', event: 'b' },
        ],
        funnelsFilter: { exclusions: [{ kind: 'EventsNode', event: 'c', funnelFromStep: 0, funnelToStep: 1 }] },
      },
      'funnelsFilter__exclusions',
      null,
    ],
    [
      'funnel step bounds',
      {
        kind: 'FunnelsQuery',
        series: [
          { kind: 'EventsNode', event: 'a' },
          { kind: 'EventsNode', event: 'b' },
        ],
        funnelsFilter: { funnelToStep: 3 },
      },
      'funnelsFilter__funnelToStep',
      null,
    ],
    ['one-step funnels', { kind: 'FunnelsQuery', series: [{ kind: 'EventsNode', event: 'a' }] }, 'series', null],
    [
      'retention on actions',
      { kind: 'RetentionQuery', retentionFilter: { targetEntity: { id: 4, type: 'actions' } } },
      'retentionFilter__targetEntity__id',
      null,
    ],
    ['second intervals', trends({ interval: 'second' }), 'interval', null],
  ])('refuses %s', (_name, node, attr, detail) => {
    const body = errorOf(node);
    expect(body.type).toBe('validation_error');
    expect(body.code).toBe('invalid_input');
    expect(body.attr).toBe(attr);
    if (detail) expect(body.detail).toBe(detail);
  });

  it('refuses a valid non-insight kind inside InsightVizNode', () => {
    expect(errorOf({ kind: 'InsightVizNode', source: { kind: 'HogQLQuery', query: 'select 1' } })).toMatchObject({
      type: 'validation_error',
      attr: 'source__kind',
    });
  });
});

describe('accepted queries', () => {
  it('unwraps InsightVizNode and keeps view flags out of the query', () => {
    const parsed = parseQuery({ kind: 'InsightVizNode', source: trends(), full: true, showHeader: false });
    expect(parsed.kind).toBe('TrendsQuery');
  });

  it('accepts PostHog presentation keys, nulls for optional fields and {} filters', () => {
    const parsed = parseQuery(
      trends({
        trendsFilter: { display: 'ActionsBar', showLegend: true, aggregationAxisFormat: 'numeric', decimalPlaces: 2 },
        breakdownFilter: null,
        properties: [{}],
        tags: { scene: 'Insight' },
        modifiers: { personsOnEventsMode: 'person_id_override_properties_joined' },
        dateRange: { date_from: '-14d', date_to: null, explicitDate: false },
      }),
    );
    expect(parsed.kind).toBe('TrendsQuery');
  });
});
