import { FORMULA_METRIC, type SeriesMetric, seriesLabel, seriesMetric } from '../query/series-metric.js';
import type { StoredTrendsQuery } from '../query/stored-insight-query.js';
import { type BucketInterval, bucketPreposition, describeBucket, parseBucketDay } from '../text/format-date.js';
import { formatPercent, percentOf } from '../text/format-number.js';
import { breakdownDimension, breakdownValueLabel, isOtherBreakdownValue } from './breakdown-value.js';
import { bucketInterval } from './bucket-interval.js';
import { type Change, changeBetween, changeWords, splitHalves } from './change.js';
import type { InsightAnalysis } from './insight-analysis.js';
import { indexOfMax, isFiniteNumber, isRecord, mean, sum } from './json-guards.js';

/*
 * Trends, defined precisely (the tests recompute every number from the same results with these rules):
 * - Current items are results whose `compare_label` is not "previous"; previous items are those whose it is.
 * - An item's bucket values are its `data`; for `ActionsLineGraphCumulative` the running totals are turned back into
 *   per-bucket increments (first bucket = data[0]).
 * - Total-value displays (BoldNumber, ActionsPie, ActionsBarValue, ActionsTable, WorldMap), or items that all carry
 *   `aggregated_value` with empty `data`, use `aggregated_value` and have no buckets.
 * - The primary series is the current items with the smallest `order` (missing order = `action.order`, else 0).
 * - Its bucket values: bucket-wise sum over its items (all breakdown values), except for statistic maths (averages,
 *   percentiles…), which cannot be added and use the first item (the engine's top breakdown value).
 * - Range value: for count maths (total, sum, first-time users) the sum of the buckets ("total"); for distinct and
 *   statistic maths the mean over the buckets ("average per interval"). Total-value: sum of the items'
 *   `aggregated_value` (first item only for statistics).
 * - Change: with compare, range value of the current primary series vs the previous one. Otherwise, with two buckets
 *   or more, the second half of the buckets vs the first half (sum or mean as above; the middle bucket of an odd
 *   count is in neither half). One bucket: no change is claimed.
 * - Peak: the bucket with the largest primary value, ties to the earliest; stated when there are two buckets or more
 *   and the peak is above zero.
 * - Breakdown leader: among the primary series' items (the Other bucket excluded), the one with the largest range
 *   value, ties to the first in result order; share = its value / the sum over all the series' items (Other
 *   included). No share for statistic maths.
 */

const TOTAL_VALUE_DISPLAYS = new Set(['BoldNumber', 'ActionsPie', 'ActionsBarValue', 'ActionsTable', 'WorldMap']);

interface TrendItem {
  values: number[];
  days: unknown[];
  labels: unknown[];
  order: number;
  hasBreakdownValue: boolean;
  breakdownValue: unknown;
  previous: boolean;
  aggregatedValue: number | null;
  label: string | null;
}

interface Series {
  label: string;
  metric: SeriesMetric;
  items: TrendItem[];
}

function increments(runningTotals: number[]): number[] {
  return runningTotals.map((value, index) => (index === 0 ? value : value - runningTotals[index - 1]!));
}

function readItems(results: unknown, cumulative: boolean): TrendItem[] | null {
  if (!Array.isArray(results)) return null;
  const items: TrendItem[] = [];
  for (const raw of results) {
    if (!isRecord(raw)) return null;
    const data = raw.data ?? [];
    if (!Array.isArray(data) || !data.every(isFiniteNumber)) return null;
    const actionOrder = isRecord(raw.action) ? raw.action.order : undefined;
    items.push({
      values: cumulative ? increments(data) : data,
      days: Array.isArray(raw.days) ? raw.days : [],
      labels: Array.isArray(raw.labels) ? raw.labels : [],
      order: isFiniteNumber(raw.order) ? raw.order : isFiniteNumber(actionOrder) ? actionOrder : 0,
      hasBreakdownValue: 'breakdown_value' in raw,
      breakdownValue: raw.breakdown_value,
      previous: raw.compare_label === 'previous',
      aggregatedValue: isFiniteNumber(raw.aggregated_value) ? raw.aggregated_value : null,
      label: typeof raw.label === 'string' ? raw.label : null,
    });
  }
  return items;
}

function formulaLabel(query: StoredTrendsQuery, order: number, items: TrendItem[]): string {
  const filter = query.trendsFilter;
  const node = filter?.formulaNodes?.[order];
  if (node?.custom_name) return node.custom_name;
  const onlyItem = items.length === 1 ? items[0] : undefined;
  if (onlyItem?.label && !onlyItem.hasBreakdownValue) return onlyItem.label;
  const formula = node?.formula ?? filter?.formulas?.[order] ?? filter?.formula;
  return formula ? `Formula (${formula})` : 'The formula';
}

function hasFormula(query: StoredTrendsQuery): boolean {
  const filter = query.trendsFilter;
  return Boolean(filter?.formula || filter?.formulas?.length || filter?.formulaNodes?.length);
}

function bucketValues(items: TrendItem[], metric: SeriesMetric): number[] {
  if (metric.aggregation === 'statistic') return items[0]?.values ?? [];
  const length = Math.max(0, ...items.map((item) => item.values.length));
  const combined = new Array<number>(length).fill(0);
  for (const item of items) {
    item.values.forEach((value, index) => {
      combined[index]! += value;
    });
  }
  return combined;
}

/** Sum for count maths, mean per bucket for the others. */
function aggregate(values: number[], metric: SeriesMetric): number {
  return metric.aggregation === 'count' ? sum(values) : mean(values);
}

function rangeValue(items: TrendItem[], metric: SeriesMetric, totalValue: boolean): number {
  if (!totalValue) return aggregate(bucketValues(items, metric), metric);
  if (metric.aggregation === 'statistic') return items[0]?.aggregatedValue ?? 0;
  return sum(items.map((item) => item.aggregatedValue ?? 0));
}

function itemValue(item: TrendItem, metric: SeriesMetric, totalValue: boolean): number {
  return totalValue ? (item.aggregatedValue ?? 0) : aggregate(item.values, metric);
}

function bucketName(item: TrendItem | undefined, index: number, interval: BucketInterval): string | null {
  const time = parseBucketDay(item?.days[index]);
  if (time) return describeBucket(time, interval);
  const label = item?.labels[index];
  return typeof label === 'string' ? label : null;
}

function isAllZero(items: TrendItem[]): boolean {
  return items.every((item) => item.values.every((value) => value === 0) && !item.aggregatedValue);
}

const NO_MATCHES: InsightAnalysis = {
  headline: 'No events matched this insight in the selected range.',
  bullets: [],
  takeaway: 'Widen the date range or check that the events in this insight are still being captured.',
};

export function analyzeTrends(query: StoredTrendsQuery, results: unknown): InsightAnalysis | null {
  const display = query.trendsFilter?.display ?? 'ActionsLineGraph';
  const items = readItems(results, display === 'ActionsLineGraphCumulative');
  if (!items) return null;
  const current = items.filter((item) => !item.previous);
  const previous = items.filter((item) => item.previous);
  if (current.length === 0 || isAllZero(current)) return NO_MATCHES;

  const totalValue =
    TOTAL_VALUE_DISPLAYS.has(display) ||
    current.every((item) => item.values.length === 0 && item.aggregatedValue !== null);
  const interval = bucketInterval(query.interval);
  const formula = hasFormula(query);
  const orders = [...new Set(current.map((item) => item.order))].sort((a, b) => a - b);
  const seriesOf = (order: number): Series => {
    const seriesItems = current.filter((item) => item.order === order);
    return {
      label: formula
        ? formulaLabel(query, order, seriesItems)
        : (seriesLabel(query.series[order]) ?? seriesItems[0]?.label ?? `Series ${order + 1}`),
      metric: formula ? FORMULA_METRIC : seriesMetric(query.series[order]),
      items: seriesItems,
    };
  };
  const primary = seriesOf(orders[0]!);
  const { metric } = primary;
  const perBucket = (series: Series) =>
    !totalValue && series.metric.aggregation !== 'count' ? ` per ${interval}` : '';
  const amount = (value: number, series: Series = primary) => `${series.metric.quantity(value)}${perBucket(series)}`;

  const value = rangeValue(primary.items, metric, totalValue);
  const buckets = totalValue ? [] : bucketValues(primary.items, metric);
  const dayItem = primary.items.find((item) => item.days.length >= buckets.length) ?? primary.items[0];

  let change: { change: Change; against: 'previous period' | 'halves' } | null = null;
  const previousItems = previous.filter((item) => item.order === primary.items[0]!.order);
  if (previousItems.length > 0) {
    change = {
      change: changeBetween(value, rangeValue(previousItems, metric, totalValue)),
      against: 'previous period',
    };
  } else {
    const halves = splitHalves(buckets);
    if (halves) {
      const first = aggregate(halves.first, metric);
      const second = aggregate(halves.second, metric);
      change = { change: changeBetween(second, first), against: 'halves' };
    }
  }

  const headline = trendsHeadline();
  const changeBullet = change
    ? change.against === 'previous period'
      ? `Against the previous period: ${amount(change.change.current)} vs ${amount(change.change.previous)} (${changeWords(change.change)}).`
      : `Second half of the range vs first half: ${amount(change.change.current)} vs ${amount(change.change.previous)} (${changeWords(change.change)}).`
    : null;

  const peakIndex = buckets.length >= 2 ? indexOfMax(buckets) : -1;
  const peakName = peakIndex >= 0 && buckets[peakIndex]! > 0 ? bucketName(dayItem, peakIndex, interval) : null;
  const peakBullet = peakName ? `Peak ${interval}: ${peakName} with ${metric.quantity(buckets[peakIndex]!)}.` : null;

  const leader = breakdownLeader();
  const otherSeries = orders.slice(1).map(seriesOf);
  const otherSeriesBullet =
    otherSeries.length > 0
      ? `Other series: ${otherSeries
          .slice(0, 3)
          .map((series) => `${series.label} ${amount(rangeValue(series.items, series.metric, totalValue), series)}`)
          .join('; ')}${otherSeries.length > 3 ? `; and ${otherSeries.length - 3} more` : ''}.`
      : null;

  const bullets = [changeBullet, peakBullet, leader?.bullet ?? null, otherSeriesBullet]
    .filter((bullet): bullet is string => bullet !== null)
    .slice(0, 3);

  return { headline, bullets, takeaway: trendsTakeaway() };

  function trendsHeadline(): string {
    const first = bucketName(dayItem, 0, interval);
    const last = bucketName(dayItem, buckets.length - 1, interval);
    let range = 'over the selected range';
    if (!totalValue && first && last) {
      range = buckets.length === 1 ? `${bucketPreposition(interval)} ${first}` : `from ${first} to ${last}`;
    }
    let verb = 'totalled';
    if (!totalValue && buckets.length === 1) verb = 'recorded';
    else if (metric.aggregation !== 'count')
      verb = totalValue ? (metric.aggregation === 'distinct' ? 'reached' : 'came to') : 'averaged';
    const changeClause = !change
      ? ''
      : change.against === 'previous period'
        ? `, ${changeWords(change.change)} on the previous period`
        : `, ${changeWords(change.change)} from the first half of the range to the second`;
    const rate = buckets.length === 1 ? '' : perBucket(primary);
    // A statistic cannot be combined across breakdown values, so the figure is the top value's and says so.
    const subject =
      metric.aggregation === 'statistic' && primary.items[0]?.hasBreakdownValue
        ? `${primary.label} (${breakdownValueLabel(primary.items[0].breakdownValue)})`
        : primary.label;
    return `${subject} ${verb} ${metric.quantity(value)}${rate} ${range}${changeClause}.`;
  }

  function breakdownLeader(): { name: string; share: number | null; bullet: string } | null {
    const dimension = breakdownDimension(query.breakdownFilter);
    if (!dimension || primary.items.length < 2) return null;
    const values = primary.items.map((item) => itemValue(item, metric, totalValue));
    const candidates = values.map((itemValue, index) =>
      isOtherBreakdownValue(primary.items[index]!.breakdownValue) ? Number.NEGATIVE_INFINITY : itemValue,
    );
    const index = indexOfMax(candidates);
    const leaderValue = candidates[index]!;
    if (!(leaderValue > 0)) return null;
    const name = breakdownValueLabel(primary.items[index]!.breakdownValue);
    if (metric.aggregation === 'statistic') {
      return {
        name,
        share: null,
        bullet: `${name} had the highest value in the ${dimension} breakdown: ${amount(leaderValue)}.`,
      };
    }
    const share = percentOf(leaderValue, sum(values));
    return {
      name,
      share,
      bullet: `${name} led the ${dimension} breakdown with ${amount(leaderValue)} (${formatPercent(share)} of the total).`,
    };
  }

  function trendsTakeaway(): string {
    if (!totalValue && buckets.length === 1) {
      return `Widen the date range to see how this moves over time; a single ${interval} cannot show a trend.`;
    }
    if (leader && leader.share !== null && leader.share >= 50) {
      return `${leader.name} drives most of this metric, so check whether the pattern holds for the other ${breakdownDimension(query.breakdownFilter)} values.`;
    }
    const percent = change?.change.percent ?? null;
    const since = change?.against === 'previous period' ? 'the previous period' : 'the first half of the range';
    if (percent !== null && percent <= -10) {
      return `Find out what changed since ${since}: a fall of ${formatPercent(-percent)} is large enough to investigate.`;
    }
    if (percent !== null && percent >= 10) {
      return peakName
        ? `Find out what drove the rise, starting with the peak ${bucketPreposition(interval)} ${peakName}.`
        : `Find out what drove the rise of ${formatPercent(percent)} since ${since}.`;
    }
    if (percent !== null && peakName) {
      return `The level is broadly stable; the peak ${bucketPreposition(interval)} ${peakName} is the first place to look for anything unusual.`;
    }
    if (totalValue && !change) {
      return 'Compare against the previous period or switch to a time series to see whether this is moving.';
    }
    return 'Break this down by a property to see which segment drives it.';
  }
}
