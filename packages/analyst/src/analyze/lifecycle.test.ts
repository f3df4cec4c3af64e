import { describe, expect, it } from 'vitest';
import { StoredLifecycleQuery } from '../query/stored-insight-query.js';
import { analyzeLifecycle } from './lifecycle.js';

const pct = (value: number) => `${value.toFixed(1)}%`;
const total = (values: number[]) => values.reduce((acc, value) => acc + value, 0);
const DAYS = ['2025-01-13', '2025-01-14', '2025-01-15'];

function lifecycle(extra: Record<string, unknown> = {}) {
  return StoredLifecycleQuery.parse({
    kind: 'LifecycleQuery',
    series: [{ kind: 'EventsNode', event: '$pageview' }],
    ...extra,
  });
}

function statuses(data: Record<'new' | 'returning' | 'resurrecting' | 'dormant', number[]>) {
  return (['new', 'returning', 'resurrecting', 'dormant'] as const).map((status) => ({
    status,
    label: `$pageview - ${status}`,
    data: data[status],
    count: total(data[status]),
    days: DAYS,
    labels: DAYS,
  }));
}

describe('lifecycle analysis', () => {
  const data = { new: [5, 3, 2], returning: [10, 12, 11], resurrecting: [1, 2, 0], dormant: [0, -4, -6] };
  const sums = {
    new: total(data.new),
    returning: total(data.returning),
    resurrecting: total(data.resurrecting),
    dormant: -total(data.dormant),
  };
  const active = sums.new + sums.returning + sums.resurrecting;

  it('names the dominant group and the active mix', () => {
    const analysis = analyzeLifecycle(lifecycle(), statuses(data))!;
    expect(analysis.headline).toBe(
      `Returning users dominate: ${pct((sums.returning / active) * 100)} of active users on $pageview (${sums.returning} of ${active}).`,
    );
    expect(analysis.bullets[0]).toBe(
      `Active mix summed over 3 days: ${sums.new} new (${pct((sums.new / active) * 100)}), ${sums.returning} returning (${pct((sums.returning / active) * 100)}), ${sums.resurrecting} resurrecting (${pct((sums.resurrecting / active) * 100)}).`,
    );
  });

  it('weighs gained users against dormant ones', () => {
    const gained = sums.new + sums.resurrecting;
    const analysis = analyzeLifecycle(lifecycle(), statuses(data))!;
    expect(analysis.bullets[1]).toBe(
      `Gained vs lost: ${gained} new or resurrecting against ${sums.dormant} going dormant (net +${gained - sums.dormant}, quick ratio ${(gained / sums.dormant).toFixed(2)}).`,
    );
  });

  it('reports the latest bucket with its date', () => {
    const analysis = analyzeLifecycle(lifecycle(), statuses(data))!;
    expect(analysis.bullets[2]).toBe('Latest day (15 Jan 2025): 2 new, 11 returning, 0 resurrecting, 6 dormant.');
  });

  it('warns when more users go dormant than arrive, and says "largest group" below half', () => {
    const shrinking = { new: [4, 4, 4], returning: [3, 3, 3], resurrecting: [3, 3, 3], dormant: [-10, -10, -10] };
    const analysis = analyzeLifecycle(lifecycle(), statuses(shrinking))!;
    expect(analysis.headline).toBe(
      `New users are the largest group: ${pct((12 / 30) * 100)} of active users on $pageview (12 of 30).`,
    );
    expect(analysis.bullets[1]).toContain('(net -9, quick ratio 0.70)');
    expect(analysis.takeaway).toContain('More users are going dormant');
  });

  it('omits the quick ratio when nobody went dormant', () => {
    const analysis = analyzeLifecycle(
      lifecycle(),
      statuses({ new: [1, 1, 0], returning: [0, 0, 0], resurrecting: [0, 0, 0], dormant: [0, 0, 0] }),
    )!;
    expect(analysis.bullets[1]).toBe('Gained vs lost: 2 new or resurrecting against 0 going dormant (net +2).');
  });

  it('says nobody was active for all-zero or empty results', () => {
    const zero = { new: [0, 0, 0], returning: [0, 0, 0], resurrecting: [0, 0, 0], dormant: [0, 0, 0] };
    expect(analyzeLifecycle(lifecycle(), statuses(zero))!.headline).toBe(
      'No users did $pageview in the selected range.',
    );
    expect(analyzeLifecycle(lifecycle(), [])!.headline).toBe('No users did $pageview in the selected range.');
  });

  it('rejects results with no lifecycle status', () => {
    expect(analyzeLifecycle(lifecycle(), [{ data: [1, 2] }])).toBeNull();
  });
});
