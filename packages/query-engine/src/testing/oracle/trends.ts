import type { Dataset } from '../dataset.js';
import {
  bucketStart,
  instant,
  nextBucket,
  type OracleInterval,
  type OracleRange,
  oraclePreviousRange,
  oracleRange,
} from './date-rules.js';
import type { OracleEvent } from './events.js';
import { prepareEvents } from './events.js';
import { dayString, labelString, rfc3339 } from './format.js';
import { evaluate } from './formula.js';
import type { OracleProject } from './project.js';
import { matchesFilters, numberOf, textOf } from './property-match.js';
import { statistic } from './statistics.js';
import { US_PER_DAY, wallAt } from './wall-clock.js';

type Json = Record<string, any>;
const NULL_MARKER = '$$_posthog_breakdown_null_$$';
const OTHER_MARKER = '$$_posthog_breakdown_other_$$';
const TOTAL_DISPLAYS = ['BoldNumber', 'ActionsPie', 'ActionsBarValue', 'ActionsTable', 'WorldMap'];

interface Dimension {
  property: string;
  type: string;
  normalize: boolean;
}

function dimensionsOf(breakdownFilter: Json | undefined): Dimension[] {
  if (!breakdownFilter) return [];
  if (Array.isArray(breakdownFilter.breakdowns) && breakdownFilter.breakdowns.length > 0) {
    return breakdownFilter.breakdowns.map((item: Json) => ({
      property: item.property,
      type: item.type ?? 'event',
      normalize: Boolean(item.normalize_url),
    }));
  }
  if (breakdownFilter.breakdown == null) return [];
  return [
    {
      property: breakdownFilter.breakdown,
      type: breakdownFilter.breakdown_type ?? 'event',
      normalize: Boolean(breakdownFilter.breakdown_normalize_url),
    },
  ];
}

export function breakdownText(event: OracleEvent, dimension: Dimension): string | null {
  const source = dimension.type === 'person' ? event.personProperties : event.properties;
  let text = textOf(source[dimension.property]);
  if (text === '') text = null;
  if (text !== null && dimension.normalize) {
    text = text.replace(/[/?#]+$/, '');
    if (text === '') text = '/';
  }
  return text;
}

function withoutNulls(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined));
}

interface Group {
  bv: string[] | null;
  other: boolean;
  values: number[];
  total: number;
}

function cmpText(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpArrays(a: string[], b: string[]) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = cmpText(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Expected response of a TrendsQuery (§2), by plain loops over the events. */
export function oracleTrends(query: Json, dataset: Dataset, project: OracleProject, now: Date): Json {
  const events = prepareEvents(dataset);
  const nowUs = now.getTime() * 1000;
  const display = query.trendsFilter?.display ?? 'ActionsLineGraph';
  const totalValue = TOTAL_DISPLAYS.includes(display);
  const cumulative = display === 'ActionsLineGraphCumulative';
  const interval: OracleInterval = totalValue ? 'day' : (query.interval ?? 'day');
  const series: Json[] = query.series;
  let earliest: number | null = null;
  if (query.dateRange?.date_from === 'all') {
    const names = series.map((node) => node.event ?? null);
    const candidates = events.filter(
      (e) => e.at > Date.UTC(1980, 0, 1) * 1000 && (names.includes(null) || names.includes(e.event)),
    );
    earliest = candidates.length ? Math.min(...candidates.map((e) => e.at)) : null;
  }
  const current = oracleRange(query.dateRange, interval, project.timezone, project.weekStartDay, nowUs, {
    exact: display === 'BoldNumber',
    earliest,
  });
  const compare = Boolean(query.compareFilter?.compare);
  const periods: Array<{ label: 'current' | 'previous'; range: OracleRange }> = [{ label: 'current', range: current }];
  if (compare)
    periods.push({ label: 'previous', range: oraclePreviousRange(current, query.compareFilter?.compare_to) });
  const dimensions = dimensionsOf(query.breakdownFilter);
  const limit = query.breakdownFilter?.breakdown_limit ?? (display === 'WorldMap' ? 250 : 25);
  const smoothing = query.trendsFilter?.smoothingIntervals ?? 1;

  const perPeriod = periods.map((period) =>
    series.map((node, order) => seriesResults(node, order, period.label, period.range)),
  );

  function seriesResults(node: Json, order: number, periodLabel: string, range: OracleRange): Json[] {
    let math: string = node.math ?? 'total';
    if (math === 'weekly_active' && (range.interval === 'week' || range.interval === 'month')) math = 'dau';
    if (math === 'monthly_active' && range.interval === 'month') math = 'dau';
    const windowDays = math === 'weekly_active' ? 7 : math === 'monthly_active' ? 30 : 0;
    const bucketCount = totalValue ? 1 : range.buckets.length;
    const bucketIndex = new Map(range.buckets.map((wall, index) => [wall, index]));
    const fromUs = instant(range, range.filterFrom);
    const toUs = instant(range, range.to);
    const seriesFilters = [...(node.properties ?? []), ...(node.fixedProperties ?? [])];
    const matching = events.filter(
      (e) =>
        (node.event == null || e.event === node.event) &&
        e.at <= toUs &&
        matchesFilters(query.properties, e) &&
        matchesFilters(seriesFilters, e) &&
        (!query.filterTestAccounts || matchesFilters(project.testAccountFilters, e)),
    );
    const bvOf = (e: OracleEvent): string[] | null =>
      dimensions.length === 0 ? null : dimensions.map((d) => breakdownText(e, d) ?? NULL_MARKER);
    const keyOf = (bv: string[] | null) => JSON.stringify(bv);

    // value per (bv, bucket)
    const cells = new Map<string, { bv: string[] | null; perBucket: Map<number, OracleEvent[]> }>();
    const add = (bv: string[] | null, bucket: number, e: OracleEvent) => {
      const key = keyOf(bv);
      if (!cells.has(key)) cells.set(key, { bv, perBucket: new Map() });
      const perBucket = cells.get(key)!.perBucket;
      if (!perBucket.has(bucket)) perBucket.set(bucket, []);
      perBucket.get(bucket)!.push(e);
    };
    if (windowDays > 0) {
      const ends = totalValue ? [range.to + 1] : range.buckets.map((start) => nextBucket(start, range.interval));
      ends.forEach((endWall, bucket) => {
        const startUs = instant(range, endWall - windowDays * US_PER_DAY);
        const endUs = instant(range, endWall);
        for (const e of matching) if (e.at >= startUs && e.at < endUs) add(bvOf(e), bucket, e);
      });
    } else {
      for (const e of matching) {
        if (e.at < fromUs) continue;
        const bucket = totalValue
          ? 0
          : bucketIndex.get(bucketStart(wallAt(e.at, range.zone), range.interval, range.weekStart));
        if (bucket === undefined) continue;
        add(bvOf(e), bucket, e);
      }
    }
    const aggregate = (list: OracleEvent[]): number => {
      switch (math) {
        case 'total':
          return list.length;
        case 'dau':
        case 'weekly_active':
        case 'monthly_active':
          return new Set(list.map((e) => e.person)).size;
        case 'unique_session':
          return new Set(list.map((e) => textOf(e.properties.$session_id)).filter((s) => s !== null && s !== '')).size;
        default: {
          if (math.endsWith('_count_per_actor')) {
            const counts = new Map<string, number>();
            for (const e of list) counts.set(e.person, (counts.get(e.person) ?? 0) + 1);
            return statistic(math, [...counts.values()]);
          }
          const numbers = list
            .map((e) =>
              numberOf(
                (node.math_property_type === 'person_properties' ? e.personProperties : e.properties)[
                  node.math_property
                ],
              ),
            )
            .filter((x): x is number => x !== null)
            .map((x) => (node.math_multiplier == null ? x : x * node.math_multiplier));
          return statistic(math, numbers);
        }
      }
    };
    let groups: Group[] = [...cells.values()].map((cell) => {
      const values = new Array(bucketCount).fill(0);
      if (cumulative && math === 'dau') {
        const firstBucket = new Map<string, number>();
        for (const [bucket, list] of cell.perBucket) {
          for (const e of list) firstBucket.set(e.person, Math.min(firstBucket.get(e.person) ?? Infinity, bucket));
        }
        for (const bucket of firstBucket.values()) values[bucket] += 1;
      } else {
        for (const [bucket, list] of cell.perBucket) values[bucket] = aggregate(list);
      }
      return { bv: cell.bv, other: false, values, total: values.reduce((a, b) => a + b, 0) };
    });
    if (dimensions.length === 0 && groups.length === 0) {
      groups = [{ bv: null, other: false, values: new Array(bucketCount).fill(0), total: 0 }];
    }
    if (dimensions.length > 0) {
      const isNull = (g: Group) => g.bv!.every((v) => v === NULL_MARKER);
      const ranked = [...groups].sort(
        (a, b) =>
          (totalValue ? 0 : Number(isNull(a)) - Number(isNull(b))) || b.total - a.total || cmpArrays(a.bv!, b.bv!),
      );
      const kept = ranked.slice(0, limit);
      const rest = ranked.slice(limit);
      if (rest.length > 0) {
        const values = new Array(bucketCount).fill(0);
        for (const g of rest) {
          for (const [i, v] of g.values.entries()) values[i] += v;
        }
        kept.push({
          bv: dimensions.map(() => OTHER_MARKER),
          other: true,
          values,
          total: values.reduce((a, b) => a + b, 0),
        });
      }
      const rank = (g: Group) => (g.other ? 2 : isNull(g) ? 1 : 0);
      groups = kept.sort((a, b) => rank(a) - rank(b) || b.total - a.total || cmpArrays(a.bv!, b.bv!));
    }

    const label = node.event ?? 'All events';
    const filter = withoutNulls({
      insight: 'TRENDS',
      properties: query.properties ?? [],
      filter_test_accounts: query.filterTestAccounts ?? false,
      date_to: rfc3339(range.to, range.zone),
      date_from: rfc3339(range.from, range.zone),
      entity_type: 'events',
      sampling_factor: query.samplingFactor,
      aggregation_group_type_index: query.aggregation_group_type_index,
      interval: query.interval ?? 'day',
      ...withoutNulls(query.trendsFilter ?? {}),
      ...withoutNulls(query.breakdownFilter ?? {}),
    });
    const action = {
      days: range.buckets.map((wall) => rfc3339(wall, range.zone)),
      id: node.event ?? null,
      type: 'events',
      order,
      name: node.event ?? 'All events',
      custom_name: node.custom_name ?? null,
      math: node.math ?? null,
      math_property: node.math_property ?? null,
      math_hogql: node.math_hogql ?? null,
      math_group_type_index: node.math_group_type_index ?? null,
      properties: {},
    };
    const subDaily = range.interval === 'hour' || range.interval === 'minute';
    return groups.map((g) => {
      let item: Json;
      if (totalValue) {
        item = { data: [], days: [], count: 0, aggregated_value: g.total, label, filter, action, order };
      } else {
        const smoothed: number[] = g.values.map((_, i) => {
          if (smoothing <= 1) return g.values[i]!;
          const window = g.values.slice(Math.max(0, i - smoothing + 1), i + 1);
          return Math.floor(window.reduce((a, b) => a + b, 0) / window.length);
        });
        const data = cumulative
          ? smoothed.map((_, i) => smoothed.slice(0, i + 1).reduce((a, b) => a + b, 0))
          : smoothed;
        item = {
          data,
          labels: range.buckets.map((wall) => labelString(wall, range.interval, range.from, range.to)),
          days: range.buckets.map((wall) => dayString(wall, subDaily)),
          count: cumulative ? (data[data.length - 1] ?? 0) : data.reduce((a, b) => a + b, 0),
          label,
          filter,
          action,
          order,
        };
      }
      if (compare) {
        item.compare = true;
        item.compare_label = periodLabel;
      }
      if (dimensions.length > 0) {
        const joined = g.bv!.join('::');
        item.label = series.length > 1 ? `${label} - ${joined}` : joined;
        item.breakdown_value = dimensions.length === 1 ? g.bv![0] : g.bv;
      }
      return item;
    });
  }

  const formulas: Array<{ formula: string; custom_name?: string | null }> = (
    query.trendsFilter?.formulaNodes ??
    query.trendsFilter?.formulas?.map((formula: string) => ({ formula })) ??
    (query.trendsFilter?.formula ? [{ formula: query.trendsFilter.formula }] : [])
  ).filter((node: Json) => String(node.formula).trim() !== '');

  let results: Json[];
  if (formulas.length === 0) {
    results = perPeriod.flat(2);
  } else {
    results = formulas.flatMap((node, formulaIndex) =>
      perPeriod.flatMap((periodResults) => applyFormulaOracle(node, formulaIndex, periodResults)),
    );
  }

  function applyFormulaOracle(node: { formula: string; custom_name?: string | null }, index: number, lists: Json[][]) {
    const hasBreakdown = dimensions.length > 0;
    const compute = (group: Json[]): Json => {
      const base: Json = structuredClone(group[0]!);
      base.label = node.custom_name || `Formula (${node.formula})`;
      base.action = null;
      base.order = index;
      if (totalValue) {
        base.aggregated_value = evaluate(
          node.formula,
          group.map((g) => g.aggregated_value ?? 0),
        );
        base.data = null;
        base.count = 0;
      } else {
        base.data = group[0]!.data.map((_: number, i: number) =>
          evaluate(
            node.formula,
            group.map((g) => g.data?.[i] ?? 0),
          ),
        );
        base.count = base.data.reduce((a: number, b: number) => a + b, 0);
      }
      return base;
    };
    if (!hasBreakdown && !compare) return [compute(lists.map((list) => list[0]!))];
    const keyOf = (item: Json) => JSON.stringify(hasBreakdown ? item.breakdown_value : item.compare_label);
    const keys: string[] = [];
    for (const list of lists) for (const item of list) if (!keys.includes(keyOf(item))) keys.push(keyOf(item));
    const natural = (a: string, b: string) => {
      const values = (k: string) => {
        const parsed = JSON.parse(k);
        return (Array.isArray(parsed) ? parsed : [parsed]) as string[];
      };
      const [x, y] = [values(a), values(b)];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = x[i]!.localeCompare(y[i]!, 'en', { numeric: true, sensitivity: 'base' });
        if (c !== 0) return c;
      }
      return x.length - y.length;
    };
    keys.sort(natural);
    const computed = keys.map((key) => {
      const any = lists.flat().find((item) => keyOf(item) === key)!;
      const group = lists.map(
        (list) =>
          list.find((item) => keyOf(item) === key) ?? {
            ...any,
            data: new Array(lists[0]?.[0]?.data?.length ?? any.data?.length ?? 0).fill(0),
            count: 0,
            aggregated_value: 0,
          },
      );
      return compute(group);
    });
    if (compare) {
      return computed
        .map((item, position) => ({ item, position }))
        .sort(
          (a, b) =>
            cmpText(a.item.compare_label, b.item.compare_label) ||
            b.item.count - a.item.count ||
            a.position - b.position,
        )
        .map(({ item }) => item);
    }
    const priority = (item: Json) =>
      item.breakdown_value === NULL_MARKER ? -1 : item.breakdown_value === OTHER_MARKER ? -2 : 0;
    const total = (item: Json) => item.aggregated_value ?? (item.data ?? []).reduce((a: number, b: number) => a + b, 0);
    return computed.sort((a, b) => {
      const byKeys = priority(b) - priority(a) || total(b) - total(a) || b.count - a.count;
      if (byKeys !== 0) return byKeys;
      const [x, y] = [a.data ?? [], b.data ?? []];
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return y[i] - x[i];
      return cmpText(JSON.stringify(b.breakdown_value), JSON.stringify(a.breakdown_value));
    });
  }

  const isOther = (item: Json) =>
    item.breakdown_value === OTHER_MARKER ||
    (Array.isArray(item.breakdown_value) && item.breakdown_value.includes(OTHER_MARKER));
  const hasMore = dimensions.length > 0 && results.some(isOther);
  if (hasMore && query.breakdownFilter?.breakdown_hide_other_aggregation)
    results = results.filter((item) => !isOther(item));
  return {
    results,
    hasMore,
    resolved_date_range: { date_from: rfc3339(current.from, current.zone), date_to: rfc3339(current.to, current.zone) },
  };
}

export type { OracleInterval };
