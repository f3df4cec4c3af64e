import { describe, expect, it } from 'vitest';
import { metadataRequestProblem } from './metadata-request-problem.js';

const MISSING = {
  type: 'validation_error',
  code: 'invalid_input',
  detail: "Missing 'query' field in request body",
  attr: null,
};
const INVALID = { type: 'validation_error', code: 'invalid_input', detail: 'Invalid query format', attr: null };
const TRENDS = {
  kind: 'InsightVizNode',
  source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] },
};

describe('generate_metadata request checks (§9 steps 1–2)', () => {
  it.each([
    ['no query key', {}],
    ['a null query', { query: null }],
    ['an empty object', { query: {} }],
    ['an empty string', { query: '' }],
    ['an empty list', { query: [] }],
    ['false', { query: false }],
    ['a body that is not an object', ['query']],
  ])('answers the missing-query body for %s', (_, body) => {
    expect(metadataRequestProblem(body)).toEqual(MISSING);
  });

  it('rejects an unknown kind as an invalid query format', () => {
    expect(metadataRequestProblem({ query: { kind: 'SomeRandomQuery' } })).toEqual(INVALID);
  });

  it('rejects an InsightVizNode whose source is not an insight query', () => {
    expect(
      metadataRequestProblem({ query: { kind: 'InsightVizNode', source: { kind: 'HogQLQuery', query: 'select 1' } } }),
    ).toEqual(INVALID);
    expect(
      metadataRequestProblem({ query: { kind: 'InsightVizNode', source: { kind: 'TrendsQuery', series: 'x' } } }),
    ).toEqual(INVALID);
  });

  it('accepts every insight kind, including paths', () => {
    for (const source of [
      TRENDS.source,
      { kind: 'FunnelsQuery', series: [] },
      { kind: 'RetentionQuery', retentionFilter: {} },
      { kind: 'StickinessQuery', series: [] },
      { kind: 'LifecycleQuery', series: [] },
      { kind: 'PathsQuery', pathsFilter: { includeEventTypes: ['$pageview'] } },
    ]) {
      expect(metadataRequestProblem({ query: { kind: 'InsightVizNode', source } })).toBeNull();
    }
  });

  it('validates EventsQuery, ActorsQuery and GroupsQuery as themselves', () => {
    expect(metadataRequestProblem({ query: { kind: 'EventsQuery', select: ['*'], event: '$pageview' } })).toBeNull();
    expect(metadataRequestProblem({ query: { kind: 'EventsQuery', event: '$pageview' } })).toEqual(INVALID);
    expect(metadataRequestProblem({ query: { kind: 'GroupsQuery', group_type_index: 0 } })).toBeNull();
    expect(metadataRequestProblem({ query: { kind: 'GroupsQuery' } })).toEqual(INVALID);
    expect(metadataRequestProblem({ query: { kind: 'ActorsQuery', search: 'acme' } })).toBeNull();
    expect(
      metadataRequestProblem({
        query: { kind: 'ActorsQuery', source: { kind: 'InsightActorsQuery', source: TRENDS.source } },
      }),
    ).toBeNull();
    expect(
      metadataRequestProblem({
        query: { kind: 'ActorsQuery', source: { kind: 'InsightActorsQuery', source: { kind: 'Nope' } } },
      }),
    ).toEqual(INVALID);
  });
});
