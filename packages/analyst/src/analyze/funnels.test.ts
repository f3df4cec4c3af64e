import { describe, expect, it } from 'vitest';
import { StoredFunnelsQuery } from '../query/stored-insight-query.js';
import { analyzeFunnel } from './funnels.js';

const int = (value: number) => value.toLocaleString('en-US');
const pct = (value: number) => `${value.toFixed(1)}%`;

function funnel(events: string[], extra: Record<string, unknown> = {}) {
  return StoredFunnelsQuery.parse({
    kind: 'FunnelsQuery',
    series: events.map((event) => ({ kind: 'EventsNode', event })),
    ...extra,
  });
}

function steps(events: string[], counts: number[], extra: Record<string, unknown> = {}) {
  return counts.map((count, order) => ({
    action_id: events[order],
    name: events[order],
    order,
    count,
    type: 'events',
    ...extra,
  }));
}

const THREE = ['$pageview', 'signed_up', 'purchase'];

describe('funnel analysis', () => {
  it('states overall conversion, the step with the largest loss and each step rate', () => {
    const counts = [1000, 300, 120];
    const losses = [counts[0]! - counts[1]!, counts[1]! - counts[2]!];
    const analysis = analyzeFunnel(funnel(THREE), steps(THREE, counts))!;

    expect(analysis.headline).toBe(
      `${pct((counts[2]! / counts[0]!) * 100)} of ${int(counts[0]!)} users completed all 3 steps, from $pageview to purchase.`,
    );
    expect(analysis.bullets[0]).toBe(
      `Largest drop: $pageview → signed_up, where ${losses[0]} users (${pct((losses[0]! / counts[0]!) * 100)} of those who reached $pageview) did not continue.`,
    );
    expect(analysis.bullets[1]).toBe(
      `Step conversion: $pageview → signed_up ${pct((counts[1]! / counts[0]!) * 100)}, signed_up → purchase ${pct((counts[2]! / counts[1]!) * 100)}.`,
    );
  });

  it('measures the largest drop in actors lost, not in rate, and breaks ties to the earlier step', () => {
    // Step 2 loses 90% (90 users), step 1 loses 50% (100 users): the larger number of users is the larger drop.
    const analysis = analyzeFunnel(funnel(THREE), steps(THREE, [200, 100, 10]))!;
    expect(analysis.bullets[0]).toContain('Largest drop: $pageview → signed_up, where 100 users');

    const tied = analyzeFunnel(funnel(THREE), steps(THREE, [300, 200, 100]))!;
    expect(tied.bullets[0]).toContain('Largest drop: $pageview → signed_up');
    expect(tied.takeaway).toBe('Start with $pageview → signed_up, which loses as many users as any other step.');
  });

  it('uses no superlatives for a two-step funnel', () => {
    const counts = [500, 1];
    const analysis = analyzeFunnel(funnel(THREE.slice(0, 2)), steps(THREE, counts))!;
    const text = [analysis.headline, ...analysis.bullets, analysis.takeaway].join(' ');

    expect(analysis.headline).toBe(`${pct((1 / 500) * 100)} of 500 users who did $pageview went on to do signed_up.`);
    expect(analysis.bullets[0]).toBe(`1 user converted and ${500 - 1} dropped off (${pct((499 / 500) * 100)}).`);
    expect(text).not.toMatch(/largest|biggest|most|worst|bottleneck/i);
  });

  it('quotes the median time to convert of a two-step funnel', () => {
    const [first, second] = steps(THREE.slice(0, 2), [10, 5]);
    const results = [first, { ...second, median_conversion_time: 5400 }];
    const analysis = analyzeFunnel(funnel(THREE.slice(0, 2)), results)!;
    expect(analysis.bullets).toContain('Median time to convert: 1.5 hours.');
  });

  it('adds breakdown values up step by step and names the best-converting value', () => {
    const chrome = [600, 60];
    const safari = [400, 80];
    const other = [50, 40];
    const results = [
      steps(THREE, chrome, { breakdown_value: ['Chrome'], breakdown: ['Chrome'] }),
      steps(THREE, safari, { breakdown_value: ['Safari'], breakdown: ['Safari'] }),
      steps(THREE, other, { breakdown_value: ['Other'], breakdown: ['Other'] }),
    ];
    const entered = chrome[0]! + safari[0]! + other[0]!;
    const completed = chrome[1]! + safari[1]! + other[1]!;

    const analysis = analyzeFunnel(funnel(THREE.slice(0, 2), { breakdownFilter: { breakdown: '$browser' } }), results)!;

    expect(analysis.headline).toBe(
      `${pct((completed / entered) * 100)} of ${int(entered)} users who did $pageview went on to do signed_up.`,
    );
    expect(analysis.bullets).toContain(
      `Best-converting $browser value: Safari at ${pct((80 / 400) * 100)} (80 of 400 users).`,
    );
  });

  it('counts groups when the funnel aggregates by a group type', () => {
    const analysis = analyzeFunnel(
      funnel(THREE.slice(0, 2), { aggregation_group_type_index: 0 }),
      steps(THREE, [3, 1]),
    )!;
    expect(analysis.headline).toContain('of 3 groups who did $pageview');
  });

  it('says nobody entered when the first step is empty, without dividing by zero', () => {
    const analysis = analyzeFunnel(funnel(THREE), steps(THREE, [0, 0, 0]))!;
    expect(analysis.headline).toBe('No users entered this funnel in the selected range.');
    expect(analyzeFunnel(funnel(THREE), [])!.headline).toBe('No users entered this funnel in the selected range.');
  });

  it('leaves other views and unreadable shapes to the generic sentence', () => {
    expect(analyzeFunnel(funnel(THREE, { funnelsFilter: { funnelVizType: 'trends' } }), [{ data: [1] }])).toBeNull();
    expect(analyzeFunnel(funnel(THREE), [{ count: 'many' }])).toBeNull();
    expect(analyzeFunnel(funnel(THREE), [steps(THREE, [1, 1]), steps(THREE, [1])])).toBeNull();
  });
});
