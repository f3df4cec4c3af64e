import { QueryError, runQuery } from '@insights/query-engine';
import { describe, expect, it } from 'vitest';
import {
  PROPERTY_MATHS,
  RUNNABLE_MATHS,
  RunnableInsightVizNode,
  RunnablePropertyFilter,
} from './runnable-insight-query.js';

/** Runs a query through the engine's validation and planning, on a backend that answers no rows. */
async function engineRefusal(source: unknown): Promise<string | null> {
  try {
    await runQuery(source, {
      project: { timezone: 'UTC', weekStartDay: 0, testAccountFilters: [] },
      projectId: 1,
      now: new Date('2026-11-29T12:00:00Z'),
      schema: 'insights',
      backend: { execute: async () => [] as never },
    });
    return null;
  } catch (error) {
    if (error instanceof QueryError) return JSON.stringify(error.body);
    throw error;
  }
}

const trends = (series: Record<string, unknown>) => ({
  kind: 'TrendsQuery',
  series: [{ kind: 'EventsNode', event: '$pageview', ...series }],
});

describe('what the analyst may hand out as a target query, the engine runs', () => {
  it.each(RUNNABLE_MATHS.map((math) => [math]))('math %s', async (math) => {
    const series = (PROPERTY_MATHS as readonly string[]).includes(math) ? { math, math_property: 'amount' } : { math };
    const node = { kind: 'InsightVizNode', source: trends(series) };
    expect(RunnableInsightVizNode.safeParse(node).success).toBe(true);
    expect(await engineRefusal(node.source)).toBeNull();
  });

  it.each(RunnablePropertyFilter.shape.operator.unwrap().options.map((operator) => [operator]))(
    'property operator %s',
    async (operator) => {
      const value =
        operator === 'is_set' || operator === 'is_not_set'
          ? undefined
          : operator.startsWith('g') || operator.startsWith('l')
            ? 3
            : 'x';
      const node = {
        kind: 'InsightVizNode',
        source: { ...trends({}), properties: [{ key: 'plan', type: 'event', operator, value }] },
      };
      expect(RunnableInsightVizNode.safeParse(node).success).toBe(true);
      expect(await engineRefusal(node.source)).toBeNull();
    },
  );

  it('refuses maths and operators the engine answers 400 to', async () => {
    for (const source of [
      trends({ math: 'first_time_for_user' }),
      { ...trends({}), properties: [{ key: 'plan', type: 'event', operator: 'in', value: ['a'] }] },
      {
        ...trends({}),
        properties: [{ key: 'signup', type: 'event', operator: 'is_date_before', value: '2026-01-01' }],
      },
    ]) {
      expect(await engineRefusal(source)).not.toBeNull();
      expect(RunnableInsightVizNode.safeParse({ kind: 'InsightVizNode', source }).success).toBe(false);
    }
  });
});
