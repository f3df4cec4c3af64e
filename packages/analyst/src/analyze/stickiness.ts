import { seriesLabel } from '../query/series-metric.js';
import type { StoredStickinessQuery } from '../query/stored-insight-query.js';
import { formatNumber, formatPercent, percentOf } from '../text/format-number.js';
import { countPhrase, nounFor, pluralNoun } from '../text/pluralize.js';
import { bucketInterval } from './bucket-interval.js';
import type { InsightAnalysis } from './insight-analysis.js';
import { indexOfMax, isFiniteNumber, isRecord, sum } from './json-guards.js';

/*
 * Stickiness, defined precisely:
 * - A series' `data[k−1]` is the number of actors active in exactly k of the N intervals (N = data length); with
 *   `computedAs: cumulative` it is "k or more", turned back into "exactly k" as data[k−1] − data[k].
 * - Total actors T = Σ exactly-k counts.
 * - "Most days" (intervals) means more than half of them: k > N / 2, i.e. k ≥ floor(N / 2) + 1.
 * - Power-user share = actors active on most intervals / T. One-interval share = exactly-1 actors / T.
 * - Average active intervals = Σ k · exactly(k) / T; the most common count is the k with the most actors, ties to the
 *   smaller k.
 * - The primary series is the first current result (not `compare_label: "previous"`); with compare its previous
 *   period is the previous result at the same position.
 */

interface StickinessItem {
  exact: number[];
  label: string | null;
  previous: boolean;
}

function readItems(results: unknown, cumulative: boolean): StickinessItem[] | null {
  if (!Array.isArray(results)) return null;
  const items: StickinessItem[] = [];
  for (const raw of results) {
    if (!isRecord(raw) || !Array.isArray(raw.data) || !raw.data.every(isFiniteNumber)) return null;
    const data = raw.data;
    items.push({
      exact: cumulative ? data.map((value, index) => value - (data[index + 1] ?? 0)) : data,
      label: typeof raw.label === 'string' ? raw.label : null,
      previous: raw.compare_label === 'previous',
    });
  }
  return items;
}

interface StickinessFigures {
  total: number;
  intervals: number;
  mostThreshold: number;
  most: number;
  once: number;
  average: number;
  mode: number;
}

function figuresOf(exact: number[]): StickinessFigures {
  const total = sum(exact);
  const intervals = exact.length;
  const mostThreshold = Math.floor(intervals / 2) + 1;
  const most = sum(exact.slice(mostThreshold - 1));
  const weighted = exact.reduce((acc, count, index) => acc + (index + 1) * count, 0);
  return {
    total,
    intervals,
    mostThreshold,
    most,
    once: exact[0] ?? 0,
    average: total === 0 ? 0 : weighted / total,
    mode: indexOfMax(exact) + 1,
  };
}

export function analyzeStickiness(query: StoredStickinessQuery, results: unknown): InsightAnalysis | null {
  const items = readItems(results, query.stickinessFilter?.computedAs === 'cumulative');
  if (!items) return null;
  const current = items.filter((item) => !item.previous);
  const previous = items.filter((item) => item.previous);
  const interval = bucketInterval(query.interval);
  const intervals = pluralNoun(interval);
  // A series whose action is missing is skipped by the engine; then positions no longer match the query's series.
  const positionsMatch = current.length === 0 || current.length === query.series.length;
  const labelOf = (index: number) =>
    (positionsMatch ? seriesLabel(query.series[index]) : null) ?? current[index]?.label ?? `series ${index + 1}`;
  const label = labelOf(0);
  const figures = figuresOf(current[0]?.exact ?? []);
  if (current.length === 0 || figures.total === 0) {
    return {
      headline: `No users did ${label} in the selected range.`,
      bullets: [],
      takeaway: 'Widen the date range or check that the event is still being captured.',
    };
  }
  const users = (value: number) => countPhrase(formatNumber(value), 'user');
  const intervalCount = (value: number) => countPhrase(formatNumber(value), interval, intervals);

  if (figures.intervals === 1) {
    return {
      headline: `${users(figures.total)} did ${label} in the only ${interval} in range, which is too short to tell regular users from occasional ones.`,
      bullets: [],
      takeaway: `Widen the date range to several ${intervals} to see how often users come back.`,
    };
  }

  const mostShare = percentOf(figures.most, figures.total);
  const onceShare = percentOf(figures.once, figures.total);
  const mostWords = `${figures.mostThreshold} or more of ${figures.intervals} ${intervals}`;
  const totalText = formatNumber(figures.total);
  const bullets = [
    `Active on only 1 ${interval}: ${users(figures.once)} (${formatPercent(onceShare)}).`,
    `Average: ${formatNumber(figures.average)} active ${nounFor(formatNumber(figures.average), interval, intervals)} per user; the most common is ${intervalCount(figures.mode)}.`,
  ];
  const previousItem = previous[0];
  if (previousItem) {
    const before = figuresOf(previousItem.exact);
    bullets.push(
      `Previous period: ${users(before.total)}, ${formatPercent(percentOf(before.most, before.total))} of them active on most ${intervals}.`,
    );
  } else if (current.length > 1) {
    const other = figuresOf(current[1]!.exact);
    bullets.push(
      `${labelOf(1)}: ${formatPercent(percentOf(other.most, other.total))} of ${users(other.total)} active on most ${intervals}.`,
    );
  }

  return {
    headline: `${formatPercent(mostShare)} of the ${totalText} ${nounFor(totalText, 'user')} who did ${label} were active on most ${intervals} (${mostWords}).`,
    bullets,
    takeaway:
      mostShare >= 20
        ? `There is a core of power users: find out what the ${users(figures.most)} active on ${figures.mostThreshold} or more ${intervals} have in common.`
        : `Most users engage occasionally; look for what would bring the ${users(figures.once)} seen on a single ${interval} back.`,
  };
}
