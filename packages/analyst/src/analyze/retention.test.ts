import { describe, expect, it } from 'vitest';
import { StoredRetentionQuery } from '../query/stored-insight-query.js';
import { analyzeRetention } from './retention.js';

const pct = (value: number) => `${value.toFixed(1)}%`;

function retention(extra: Record<string, unknown> = {}, filter: Record<string, unknown> = {}) {
  return StoredRetentionQuery.parse({
    kind: 'RetentionQuery',
    retentionFilter: { targetEntity: { id: 'signed_up', type: 'events' }, ...filter },
    ...extra,
  });
}

/** Cohort rows of a daily retention starting 1 Jan 2025 (UTC midnight), one per matrix row. */
function cohorts(matrix: number[][], extra: Record<string, unknown> = {}) {
  return matrix.map((counts, cohort) => ({
    label: `Day ${cohort}`,
    date: `2025-01-0${cohort + 1}T00:00:00Z`,
    values: counts.map((count, period) => ({ count, label: `Day ${period}` })),
    ...extra,
  }));
}

/** Independent reading of the rule: cohort c counts for period k when c + k is still inside the range. */
function periodRetention(matrix: number[][], period: number) {
  let returned = 0;
  let size = 0;
  matrix.forEach((row, cohort) => {
    if (cohort + period <= matrix.length - 1) {
      size += row[0]!;
      returned += row[period]!;
    }
  });
  return { returned, size, percent: (returned / size) * 100 };
}

const FLATTENING = [
  [100, 40, 30, 29, 28],
  [80, 30, 25, 24, 0],
  [60, 20, 15, 0, 0],
  [50, 20, 0, 0, 0],
  [40, 0, 0, 0, 0],
];

describe('retention analysis', () => {
  it('weights period-1 and last-period retention by cohort size over the cohorts that can reach them', () => {
    const first = periodRetention(FLATTENING, 1);
    const last = periodRetention(FLATTENING, 4);
    const analysis = analyzeRetention(retention(), cohorts(FLATTENING), 'UTC')!;

    expect(analysis.headline).toBe(
      `${pct(first.percent)} of users who did signed_up came back on Day 1, and ${pct(last.percent)} on Day 4.`,
    );
    expect(analysis.bullets[0]).toBe(
      `Day 1: ${first.returned} of ${first.size} users returned (${pct(first.percent)}), across the cohorts from 1 Jan 2025 to 4 Jan 2025.`,
    );
    expect(analysis.bullets[1]).toBe(
      `Day 4: ${last.returned} of ${last.size} users returned (${pct(last.percent)}), counting only the cohorts old enough to reach it.`,
    );
  });

  it('finds where the curve flattens within two percentage points', () => {
    const rates = [1, 2, 3, 4].map((period) => periodRetention(FLATTENING, period).percent);
    // From Day 2 on, every rate stays within 2 points; from Day 1 it does not.
    expect(Math.max(...rates.slice(1)) - Math.min(...rates.slice(1))).toBeLessThanOrEqual(2);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(2);
    const analysis = analyzeRetention(retention(), cohorts(FLATTENING), 'UTC')!;
    expect(analysis.bullets[2]).toBe(
      `Shape: the curve flattens from Day 2, staying between ${pct(Math.min(...rates.slice(1)))} and ${pct(Math.max(...rates.slice(1)))} through Day 4.`,
    );
  });

  it('says when retention keeps falling', () => {
    const matrix = [
      [100, 60, 30, 10],
      [100, 50, 20, 0],
      [100, 40, 0, 0],
      [100, 0, 0, 0],
    ];
    const first = periodRetention(matrix, 1).percent;
    const last = periodRetention(matrix, 3).percent;
    const analysis = analyzeRetention(retention(), cohorts(matrix), 'UTC')!;
    expect(analysis.bullets[2]).toBe(
      `Shape: retention keeps falling, from ${pct(first)} on Day 1 to ${pct(last)} on Day 3, with no plateau yet.`,
    );
  });

  it('says when retention rises', () => {
    const matrix = [
      [100, 10, 20, 40],
      [100, 10, 30, 0],
      [100, 10, 0, 0],
      [100, 0, 0, 0],
    ];
    const analysis = analyzeRetention(retention(), cohorts(matrix), 'UTC')!;
    expect(analysis.bullets[2]).toContain('Shape: retention rises after Day 1');
  });

  it('adds up breakdown rows of the same cohort', () => {
    const chrome = [
      [10, 5],
      [10, 0],
    ];
    const safari = [
      [30, 3],
      [20, 0],
    ];
    const results = [
      ...cohorts(chrome, { breakdown_value: 'Chrome' }),
      ...cohorts(safari, { breakdown_value: 'Safari' }),
    ];
    const analysis = analyzeRetention(retention({ breakdownFilter: { breakdown: '$browser' } }), results, 'UTC')!;
    // Only cohort 0 can reach Day 1: (5 + 3) of (10 + 30).
    expect(analysis.bullets[0]).toBe(
      `Day 1: 8 of 40 users returned (${pct((8 / 40) * 100)}), in the cohort of 1 Jan 2025.`,
    );
  });

  it('writes cohort dates in the insight time zone', () => {
    const results = cohorts([
      [10, 5],
      [10, 0],
    ]).map((row, index) => ({ ...row, date: `2025-01-0${index + 1}T05:00:00Z` }));
    const analysis = analyzeRetention(retention({}, { period: 'Day' }), results, 'America/Los_Angeles')!;
    expect(analysis.bullets[0]).toContain('in the cohort of 31 Dec 2024');
  });

  it('uses the period of the query in its words', () => {
    const analysis = analyzeRetention(retention({}, { period: 'Week' }), cohorts(FLATTENING), 'UTC')!;
    expect(analysis.headline).toContain('came back in Week 1');
  });

  it('handles a range with no returning period and empty cohorts gracefully', () => {
    expect(analyzeRetention(retention(), cohorts([[7]]), 'UTC')!.headline).toBe(
      '7 users did signed_up in the selected range, but no cohort has reached Day 1 yet.',
    );
    expect(
      analyzeRetention(
        retention(),
        cohorts([
          [0, 0],
          [0, 0],
        ]),
        'UTC',
      )!.headline,
    ).toBe('No users did signed_up in the selected range, so there is no retention to measure.');
    expect(analyzeRetention(retention(), [], 'UTC')!.headline).toContain('No users did signed_up');
  });

  it('claims no shape with a single return period', () => {
    const analysis = analyzeRetention(
      retention(),
      cohorts([
        [10, 4],
        [10, 0],
      ]),
      'UTC',
    )!;
    expect(analysis.bullets).toHaveLength(1);
    expect(analysis.headline).toBe(`${pct(40)} of users who did signed_up came back on Day 1.`);
  });

  it('rejects rows without counts', () => {
    expect(analyzeRetention(retention(), [{ values: [{ count: 'x' }] }], 'UTC')).toBeNull();
  });
});
