import { describe, expect, it } from 'vitest';
import { StoredTrendsQuery } from '../query/stored-insight-query.js';
import { analyzeInsight } from './analyze-insight.js';
import { analyzeTrends } from './trends.js';

// Expected numbers are computed here with plain loops and formatted with the platform's own formatting, never with
// the analyst's helpers.
const total = (values: number[]) => values.reduce((acc, value) => acc + value, 0);
const int = (value: number) => value.toLocaleString('en-US');
const pct = (value: number) => `${value.toFixed(1)}%`;
const DAYS = [
  '2025-01-08',
  '2025-01-09',
  '2025-01-10',
  '2025-01-11',
  '2025-01-12',
  '2025-01-13',
  '2025-01-14',
  '2025-01-15',
];
const DAY_NAMES = [
  '8 Jan 2025',
  '9 Jan 2025',
  '10 Jan 2025',
  '11 Jan 2025',
  '12 Jan 2025',
  '13 Jan 2025',
  '14 Jan 2025',
  '15 Jan 2025',
];

function trends(extra: Record<string, unknown> = {}, series: unknown[] = [{ kind: 'EventsNode', event: '$pageview' }]) {
  return StoredTrendsQuery.parse({ kind: 'TrendsQuery', series, ...extra });
}

function item(data: number[], extra: Record<string, unknown> = {}) {
  return {
    data,
    days: DAYS.slice(0, data.length),
    labels: DAYS.slice(0, data.length),
    count: total(data),
    label: '$pageview',
    order: 0,
    ...extra,
  };
}

describe('trends analysis', () => {
  it('totals the events and compares the second half of the range with the first', () => {
    const data = [5, 9, 3, 7, 12, 8, 15, 4];
    const first = data[0]! + data[1]! + data[2]! + data[3]!;
    const second = data[4]! + data[5]! + data[6]! + data[7]!;
    const change = ((second - first) / first) * 100;

    const analysis = analyzeTrends(trends(), [item(data)])!;

    expect(analysis.headline).toBe(
      `$pageview totalled ${int(total(data))} events from 8 Jan 2025 to 15 Jan 2025, up ${pct(change)} from the first half of the range to the second.`,
    );
    expect(analysis.bullets[0]).toBe(
      `Second half of the range vs first half: ${second} events vs ${first} events (up ${pct(change)}).`,
    );
  });

  it('names the peak bucket, the earliest one on a tie', () => {
    const data = [3, 9, 2, 9];
    const analysis = analyzeTrends(trends(), [item(data)])!;
    expect(analysis.bullets).toContain(`Peak day: ${DAY_NAMES[1]} with 9 events.`);
  });

  it('leaves the middle bucket of an odd count out of both halves', () => {
    const data = [1, 2, 100, 3, 4];
    const first = data[0]! + data[1]!;
    const second = data[3]! + data[4]!;
    const analysis = analyzeTrends(trends(), [item(data)])!;
    expect(analysis.bullets[0]).toBe(
      `Second half of the range vs first half: ${second} events vs ${first} events (up ${pct(((second - first) / first) * 100)}).`,
    );
    expect(analysis.bullets).toContain(`Peak day: ${DAY_NAMES[2]} with 100 events.`);
  });

  it('says down when the second half is lower', () => {
    const data = [10, 10, 5, 5];
    const analysis = analyzeTrends(trends(), [item(data)])!;
    expect(analysis.headline).toContain(`down ${pct(50)}`);
  });

  it('names the leading breakdown value and its share of all values, Other included in the total but never leading', () => {
    const chrome = [10, 20, 5, 15];
    const safari = [5, 5, 10, 10];
    const other = [30, 30, 20, 20];
    const results = [
      item(chrome, { breakdown_value: 'Chrome', label: 'Chrome' }),
      item(safari, { breakdown_value: 'Safari', label: 'Safari' }),
      item(other, { breakdown_value: '$$_posthog_breakdown_other_$$', label: 'Other' }),
    ];
    const all = total(chrome) + total(safari) + total(other);

    const analysis = analyzeTrends(
      trends({ breakdownFilter: { breakdown: '$browser', breakdown_type: 'event' } }),
      results,
    )!;

    expect(analysis.headline).toContain(`totalled ${int(all)} events`);
    expect(analysis.bullets).toContain(
      `Chrome led the $browser breakdown with ${total(chrome)} events (${pct((total(chrome) / all) * 100)} of the total).`,
    );
  });

  it('labels the null breakdown value for people', () => {
    const results = [
      item([9, 9], { breakdown_value: '$$_posthog_breakdown_null_$$' }),
      item([1, 1], { breakdown_value: 'Chrome' }),
    ];
    const analysis = analyzeTrends(trends({ breakdownFilter: { breakdown: '$browser' } }), results)!;
    expect(analysis.bullets.join('\n')).toContain('(no value) led the $browser breakdown with 18 events');
  });

  it('compares with the previous period when the query compares', () => {
    const current = [4, 6, 8, 10];
    const previous = [5, 5, 5, 5];
    const change = ((total(current) - total(previous)) / total(previous)) * 100;
    const results = [
      item(current, { compare: true, compare_label: 'current' }),
      item(previous, { compare: true, compare_label: 'previous' }),
    ];

    const analysis = analyzeTrends(trends({ compareFilter: { compare: true } }), results)!;

    expect(analysis.headline).toBe(
      `$pageview totalled ${total(current)} events from 8 Jan 2025 to 11 Jan 2025, up ${pct(change)} on the previous period.`,
    );
    expect(analysis.bullets[0]).toBe(
      `Against the previous period: ${total(current)} events vs ${total(previous)} events (up ${pct(change)}).`,
    );
  });

  it('says up from zero instead of dividing by a zero previous period', () => {
    const results = [item([1, 2], { compare_label: 'current' }), item([0, 0], { compare_label: 'previous' })];
    const analysis = analyzeTrends(trends({ compareFilter: { compare: true } }), results)!;
    expect(analysis.headline).toContain('up from zero on the previous period');
    expect(analysis.headline).not.toMatch(/Infinity|NaN/);
  });

  it('averages unique users per interval instead of adding them over time', () => {
    const data = [100, 120, 90, 130, 110, 140, 150, 160];
    const average = total(data) / data.length;
    const analysis = analyzeTrends(trends({}, [{ kind: 'EventsNode', event: '$pageview', math: 'dau' }]), [
      item(data),
    ])!;
    expect(analysis.headline).toContain(`$pageview averaged ${int(average)} unique users per day from 8 Jan 2025`);
    expect(analysis.bullets).toContain(`Peak day: ${DAY_NAMES[7]} with 160 unique users.`);
  });

  it('reads a cumulative line as per-bucket increments', () => {
    const runningTotals = [1, 3, 6, 10];
    const increments = [1, 2, 3, 4];
    const analysis = analyzeTrends(trends({ trendsFilter: { display: 'ActionsLineGraphCumulative' } }), [
      item(runningTotals),
    ])!;
    expect(analysis.headline).toContain(`totalled ${total(increments)} events`);
    expect(analysis.bullets[0]).toContain(
      `${increments[2]! + increments[3]!} events vs ${increments[0]! + increments[1]!} events`,
    );
  });

  it('uses aggregated values for total-value displays and claims no change over time', () => {
    const results = [
      { data: [], days: [], count: 0, aggregated_value: 70, label: 'Chrome', breakdown_value: 'Chrome', order: 0 },
      { data: [], days: [], count: 0, aggregated_value: 30, label: 'Safari', breakdown_value: 'Safari', order: 0 },
    ];
    const analysis = analyzeTrends(
      trends({ trendsFilter: { display: 'BoldNumber' }, breakdownFilter: { breakdown: '$browser' } }),
      results,
    )!;
    expect(analysis.headline).toBe('$pageview totalled 100 events over the selected range.');
    expect(analysis.bullets).toEqual([`Chrome led the $browser breakdown with 70 events (${pct(70)} of the total).`]);
    expect(analysis.bullets.join(' ')).not.toMatch(/Peak|half/);
  });

  it('claims no growth, peak or trend from a single bucket', () => {
    const analysis = analyzeTrends(trends({ interval: 'week' }), [
      { data: [1], days: ['2025-01-05'], count: 1, label: '$pageview' },
    ])!;
    expect(analysis.headline).toBe('$pageview recorded 1 event in the week of 5 Jan 2025.');
    expect([analysis.headline, ...analysis.bullets].join(' ')).not.toMatch(/\bup\b|\bdown\b|Peak|growth/);
    expect(analysis.takeaway).toContain('a single week cannot show a trend');
  });

  it('reports the other series of a multi-series trend', () => {
    const results = [item([1, 1]), item([2, 3], { label: 'signed_up', order: 1 })];
    const query = trends({}, [
      { kind: 'EventsNode', event: '$pageview' },
      { kind: 'EventsNode', event: 'signed_up', math: 'dau' },
    ]);
    const analysis = analyzeTrends(query, results)!;
    expect(analysis.bullets).toContain(`Other series: signed_up ${(2 + 3) / 2} unique users per day.`);
  });

  it('gives a statistic for the top breakdown value only, and no share', () => {
    const query = trends({ breakdownFilter: { breakdown: '$browser' } }, [
      { kind: 'EventsNode', event: '$pageview', math: 'avg', math_property: '$session_duration' },
    ]);
    const results = [item([10, 20], { breakdown_value: 'Chrome' }), item([30, 50], { breakdown_value: 'Safari' })];
    const analysis = analyzeTrends(query, results)!;
    expect(analysis.headline).toContain(
      `$pageview (Chrome) averaged ${(10 + 20) / 2} (average of $session_duration) per day`,
    );
    expect(analysis.bullets.join(' ')).toContain(
      'Safari had the highest value in the $browser breakdown: 40 (average of $session_duration) per day.',
    );
    expect(analysis.bullets.join(' ')).not.toContain('of the total');
  });

  it('reports a formula by its name and without a unit', () => {
    const query = trends({ trendsFilter: { formulaNodes: [{ formula: 'A/B', custom_name: 'Pages per visit' }] } }, [
      { kind: 'EventsNode', event: '$pageview' },
      { kind: 'EventsNode', event: '$pageview', math: 'unique_session' },
    ]);
    const data = [2, 4];
    const analysis = analyzeTrends(query, [item(data, { label: 'Pages per visit', action: null })])!;
    expect(analysis.headline).toBe(
      `Pages per visit totalled ${total(data)} from 8 Jan 2025 to 9 Jan 2025, up ${pct(100)} from the first half of the range to the second.`,
    );
  });

  it('says no events matched when the results are empty or all zero', () => {
    expect(analyzeTrends(trends(), [])!.headline).toBe('No events matched this insight in the selected range.');
    expect(analyzeTrends(trends(), [item([0, 0, 0])])!.headline).toBe(
      'No events matched this insight in the selected range.',
    );
  });

  it('falls back to a generic sentence for results of the wrong shape', () => {
    expect(analyzeTrends(trends(), { results: [] })).toBeNull();
    expect(analyzeTrends(trends(), [{ data: ['a'] }])).toBeNull();
    expect(analyzeInsight(trends(), 'nonsense', 'UTC')).toBe(
      'This trends insight has results, but not in a shape the built-in analyst can summarise.',
    );
  });
});
