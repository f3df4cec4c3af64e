import type { InsightSnapshot } from '@insights/contracts';
import { describe, expect, it } from 'vitest';
import { insightChanges } from './insight-changes.js';

function snapshot(overrides: Partial<InsightSnapshot> = {}): InsightSnapshot {
  return {
    id: 7,
    short_id: 'abc12345',
    name: 'Weekly signups',
    derived_name: null,
    description: null,
    filters: {},
    query: null,
    order: null,
    deleted: false,
    favorited: false,
    saved: true,
    is_sample: false,
    tags: [],
    dashboards: [],
    last_modified_at: '2024-05-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('insightChanges', () => {
  it('reports a renamed insight as a changed name with before and after', () => {
    expect(insightChanges(snapshot({ name: 'v1' }), snapshot({ name: 'v2' }))).toEqual([
      { type: 'Insight', action: 'changed', field: 'name', before: 'v1', after: 'v2' },
    ]);
  });

  it('reports nothing when nothing but excluded fields changed', () => {
    const before = snapshot();
    const after = snapshot({
      id: 8,
      short_id: 'zzz',
      order: 3,
      saved: false,
      is_sample: true,
      last_modified_at: '2025-01-01T00:00:00.000Z',
    });
    expect(insightChanges(before, after)).toEqual([]);
  });

  it('treats null, "", [] and {} as empty on both sides and reports nothing between them', () => {
    const before = snapshot({ description: null, filters: {}, tags: [], query: null });
    const after = snapshot({ description: '', filters: {}, tags: [], query: {} });
    expect(insightChanges(before, after)).toEqual([]);
  });

  it('reports a value appearing where there was none as created, with a null before', () => {
    expect(insightChanges(snapshot({ description: null }), snapshot({ description: 'About signups' }))).toEqual([
      { type: 'Insight', action: 'created', field: 'description', before: null, after: 'About signups' },
    ]);
  });

  it('reports a value going away as deleted, with a null after', () => {
    expect(insightChanges(snapshot({ description: 'old' }), snapshot({ description: '' }))).toEqual([
      { type: 'Insight', action: 'deleted', field: 'description', before: 'old', after: null },
    ]);
  });

  it('lists tags first, as sorted lists, before the model fields', () => {
    const changes = insightChanges(
      snapshot({ name: 'v1', tags: ['b'] }),
      snapshot({ name: 'v2', tags: ['c', 'a', 'b'] as string[] }),
    );
    expect(changes.map((change) => change.field)).toEqual(['tags', 'name']);
    expect(changes[0]).toEqual({
      type: 'Insight',
      action: 'changed',
      field: 'tags',
      before: ['b'],
      after: ['a', 'b', 'c'],
    });
  });

  it('reports tags added to an untagged insight as created', () => {
    expect(insightChanges(snapshot(), snapshot({ tags: ['growth'] }))).toEqual([
      { type: 'Insight', action: 'created', field: 'tags', before: null, after: ['growth'] },
    ]);
  });

  it('compares filters structurally, whatever the key order', () => {
    const before = snapshot({ filters: { insight: 'TRENDS', events: [{ id: 'pageview', order: 0 }] } });
    const same = snapshot({ filters: { events: [{ order: 0, id: 'pageview' }], insight: 'TRENDS' } });
    const other = snapshot({ filters: { events: [{ order: 0, id: 'signup' }], insight: 'TRENDS' } });
    expect(insightChanges(before, same)).toEqual([]);
    expect(insightChanges(before, other)).toEqual([
      { type: 'Insight', action: 'changed', field: 'filters', before: before.filters, after: other.filters },
    ]);
  });

  it('reports a changed query', () => {
    const before = snapshot({ query: { kind: 'HogQLQuery', query: 'select 1' } });
    const after = snapshot({ query: { kind: 'HogQLQuery', query: 'select 2' } });
    expect(insightChanges(before, after)).toEqual([
      { type: 'Insight', action: 'changed', field: 'query', before: before.query, after: after.query },
    ]);
  });

  it('reports soft deletion as a change of deleted from false to true, and a restore the other way', () => {
    expect(insightChanges(snapshot({ deleted: false }), snapshot({ deleted: true }))).toEqual([
      { type: 'Insight', action: 'changed', field: 'deleted', before: false, after: true },
    ]);
    expect(insightChanges(snapshot({ deleted: true }), snapshot({ deleted: false }))).toEqual([
      { type: 'Insight', action: 'changed', field: 'deleted', before: true, after: false },
    ]);
  });

  it('reports favoriting', () => {
    expect(insightChanges(snapshot(), snapshot({ favorited: true }))).toEqual([
      { type: 'Insight', action: 'changed', field: 'favorited', before: false, after: true },
    ]);
  });

  it('reports dashboards last, as sorted lists of ids', () => {
    const changes = insightChanges(
      snapshot({ name: 'v1', dashboards: [3] }),
      snapshot({ name: 'v2', dashboards: [5, 3] }),
    );
    expect(changes.map((change) => change.field)).toEqual(['name', 'dashboards']);
    expect(changes[1]).toEqual({ type: 'Insight', action: 'changed', field: 'dashboards', before: [3], after: [3, 5] });
  });

  it('keeps the model order when several fields change at once', () => {
    const before = snapshot({ name: 'a', derived_name: 'd1', description: 'x', favorited: false, tags: ['t'] });
    const after = snapshot({
      name: 'b',
      derived_name: 'd2',
      description: 'y',
      favorited: true,
      tags: [],
      dashboards: [1],
    });
    expect(insightChanges(before, after).map((change) => [change.field, change.action])).toEqual([
      ['tags', 'deleted'],
      ['name', 'changed'],
      ['derived_name', 'changed'],
      ['description', 'changed'],
      ['favorited', 'changed'],
      ['dashboards', 'created'],
    ]);
  });

  it('reports every non-empty field as created when there is no before snapshot', () => {
    const changes = insightChanges(null, snapshot({ tags: ['a'] }));
    expect(changes.map((change) => change.field)).toEqual(['tags', 'name', 'deleted', 'favorited']);
    expect(changes.every((change) => change.action === 'created')).toBe(true);
  });
});
