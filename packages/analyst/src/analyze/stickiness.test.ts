import { describe, expect, it } from 'vitest';
import { StoredStickinessQuery } from '../query/stored-insight-query.js';
import { analyzeStickiness } from './stickiness.js';

const pct = (value: number) => `${value.toFixed(1)}%`;
const total = (values: number[]) => values.reduce((acc, value) => acc + value, 0);

function stickiness(extra: Record<string, unknown> = {}, events = ['$pageview']) {
  return StoredStickinessQuery.parse({
    kind: 'StickinessQuery',
    series: events.map((event) => ({ kind: 'EventsNode', event })),
    ...extra,
  });
}

function item(data: number[], extra: Record<string, unknown> = {}) {
  const days = data.map((_, index) => index + 1);
  return {
    data,
    days,
    labels: days.map((day) => `${day} day${day === 1 ? '' : 's'}`),
    count: total(data),
    label: '$pageview',
    ...extra,
  };
}

describe('stickiness analysis', () => {
  it('reports the share of users active on more than half of the days', () => {
    const data = [120, 50, 30, 20, 10, 10, 5, 5];
    // 8 days: "most" is 5 or more.
    const most = data[4]! + data[5]! + data[6]! + data[7]!;
    const users = total(data);
    const analysis = analyzeStickiness(stickiness(), [item(data)])!;

    expect(analysis.headline).toBe(
      `${pct((most / users) * 100)} of the ${users} users who did $pageview were active on most days (5 or more of 8 days).`,
    );
    expect(analysis.bullets[0]).toBe(`Active on only 1 day: ${data[0]} users (${pct((data[0]! / users) * 100)}).`);
  });

  it('gives the average number of active days and the most common one', () => {
    const data = [2, 6, 6, 1, 1];
    const users = total(data);
    const average = data.reduce((acc, count, index) => acc + (index + 1) * count, 0) / users;
    const analysis = analyzeStickiness(stickiness(), [item(data)])!;
    // 2 and 3 days tie with 6 users each: the smaller count is the mode.
    expect(analysis.bullets[1]).toBe(`Average: ${average.toFixed(1)} active days per user; the most common is 2 days.`);
  });

  it('turns cumulative counts ("k or more") back into exact counts', () => {
    const cumulative = [100, 40, 10, 5];
    const exact = [60, 30, 5, 5];
    const analysis = analyzeStickiness(stickiness({ stickinessFilter: { computedAs: 'cumulative' } }), [
      item(cumulative),
    ])!;
    // 4 days: "most" is 3 or more.
    expect(analysis.headline).toBe(
      `${pct(((exact[2]! + exact[3]!) / total(exact)) * 100)} of the ${total(exact)} users who did $pageview were active on most days (3 or more of 4 days).`,
    );
  });

  it('compares with the previous period', () => {
    const previous = [10, 0, 0, 10];
    const analysis = analyzeStickiness(stickiness({ compareFilter: { compare: true } }), [
      item([5, 5, 5, 5], { compare_label: 'current' }),
      item(previous, { compare_label: 'previous' }),
    ])!;
    expect(analysis.bullets[2]).toBe(`Previous period: 20 users, ${pct((10 / 20) * 100)} of them active on most days.`);
  });

  it('uses the query interval and singular forms', () => {
    const analysis = analyzeStickiness(stickiness({ interval: 'week' }), [item([1, 0, 0, 0])])!;
    expect(analysis.bullets[0]).toBe(`Active on only 1 week: 1 user (${pct(100)}).`);
    expect(analysis.headline).toContain('of the 1 user who did $pageview were active on most weeks');
  });

  it('does not split users into regular and occasional over a single day', () => {
    const analysis = analyzeStickiness(stickiness(), [item([42])])!;
    expect(analysis.headline).toContain('42 users did $pageview in the only day in range');
    expect(analysis.bullets).toEqual([]);
  });

  it('says nobody was active for empty results', () => {
    expect(analyzeStickiness(stickiness(), [])!.headline).toBe('No users did $pageview in the selected range.');
    expect(analyzeStickiness(stickiness(), [item([0, 0])])!.headline).toBe(
      'No users did $pageview in the selected range.',
    );
  });

  it('rejects series without numeric data', () => {
    expect(analyzeStickiness(stickiness(), [{ data: null }])).toBeNull();
  });
});
