import { usesPersonBreakdown } from '../breakdowns/breakdown-sql.js';
import { BREAKDOWN_NULL_MARKER, BREAKDOWN_OTHER_MARKER } from '../breakdowns/markers.js';
import { compareCodeUnits } from '../breakdowns/natural-order.js';
import {
  type DateContext,
  type ResolvedDateRange,
  resolveDateRange,
  resolvePreviousDateRange,
} from '../dates/date-range.js';
import type { Interval } from '../dates/interval.js';
import { addIntervals } from '../dates/interval.js';
import { addDays, addMicros, type LocalDateTime, wallClockMicros } from '../dates/local-date-time.js';
import { type EpochMicros, toInstant } from '../dates/zoned-time.js';
import { parseFormula } from '../formulas/formula.js';
import { formulaNodesOf } from '../formulas/formula-nodes.js';
import { bucketDay, bucketLabel } from '../labels/bucket-labels.js';
import { formatLocal } from '../labels/format-datetime.js';
import type { EventsNode, MathType } from '../schema/series.js';
import type { TrendsQuery } from '../schema/trends-query.js';
import { compileStatement } from '../sql/compiler.js';
import { breakdownDimensions, DEFAULT_BREAKDOWN_LIMIT } from '../validation/breakdown.js';
import { PROPERTY_MATHS } from '../validation/series.js';
import { nonNullEntries } from './echo-filter.js';
import type { PlanContext, QueryPlan } from './query-plan.js';
import { seriesFilterConditions, seriesFiltersUsePerson, seriesOwnFilters } from './series-conditions.js';
import { applyFormula } from './trends-formulas.js';
import { mathNeedsPersonId } from './trends-math-sql.js';
import type { TrendsAction, TrendsResponse, TrendsResultItem } from './trends-result.js';
import { type TrendsRow, trendsSeriesSql } from './trends-series-sql.js';

export const TOTAL_VALUE_DISPLAYS = new Set([
  'BoldNumber',
  'ActionsPie',
  'ActionsBarValue',
  'ActionsTable',
  'WorldMap',
]);

interface Period {
  label: 'current' | 'previous';
  range: ResolvedDateRange;
}

/** A math as it is computed at this interval: weekly/monthly active users become unique users at ≥ week/month. */
function effectiveMath(math: MathType, interval: Interval): MathType {
  if (math === 'weekly_active' && (interval === 'week' || interval === 'month')) return 'dau';
  if (math === 'monthly_active' && interval === 'month') return 'dau';
  return math;
}

/**
 * Each bucket's trailing window of 7 or 30 days ending where the bucket ends (§1.2), as a bit mask over fine slices
 * (days; hours or minutes for sub-daily intervals): the database collects each person's active slices once and a
 * window counts the persons whose slices intersect its mask.
 */
function activeWindows(range: ResolvedDateRange, days: number, totalValue: boolean) {
  const slice: Interval = range.interval === 'hour' || range.interval === 'minute' ? range.interval : 'day';
  const ends: LocalDateTime[] = totalValue
    ? [addMicros(range.dateTo, 1)]
    : range.buckets.map((start) => addIntervals(start, range.interval, 1));
  const starts = ends.map((end) => addDays(end, -days));
  const sliceStarts: LocalDateTime[] = [];
  const indexOf = new Map<number, number>();
  const last = wallClockMicros(ends[ends.length - 1]!);
  for (let local = starts[0]!; wallClockMicros(local) <= last; local = addIntervals(local, slice, 1)) {
    indexOf.set(wallClockMicros(local), sliceStarts.length);
    sliceStarts.push(local);
  }
  const position = (local: LocalDateTime) => indexOf.get(wallClockMicros(local)) ?? 0;
  return {
    sliceStarts: sliceStarts.map((local) => toInstant(local, range.timezone)),
    // Bit i stands for the slice starting at sliceStarts[i]; a window [start, end) covers position(start) … position(end) − 1.
    masks: starts.map((start, index) =>
      sliceStarts.map((_, slice) => (slice >= position(start) && slice < position(ends[index]!) ? '1' : '0')).join(''),
    ),
  };
}

function instantOf(range: ResolvedDateRange, local: LocalDateTime): EpochMicros {
  return toInstant(local, range.timezone);
}

interface SeriesGroup {
  breakdownValue: string[] | null;
  isOther: boolean;
  values: number[];
  total: number;
}

function groupRows(rows: readonly TrendsRow[], bucketCount: number, hasBreakdown: boolean): SeriesGroup[] {
  const groups = new Map<string, SeriesGroup>();
  for (const row of rows) {
    const key = JSON.stringify([row.is_other, row.breakdown_value]);
    let group = groups.get(key);
    if (!group) {
      group = {
        breakdownValue: row.breakdown_value,
        isOther: row.is_other,
        values: new Array(bucketCount).fill(0),
        total: 0,
      };
      groups.set(key, group);
    }
    const index = row.bucket === null ? 0 : row.bucket - 1;
    if (index >= 0 && index < bucketCount) group.values[index] = (group.values[index] ?? 0) + row.value;
    group.total += row.value;
  }
  if (!hasBreakdown && groups.size === 0) {
    return [{ breakdownValue: null, isOther: false, values: new Array(bucketCount).fill(0), total: 0 }];
  }
  const isNull = (group: SeriesGroup) =>
    group.breakdownValue?.every((value) => value === BREAKDOWN_NULL_MARKER) ?? false;
  const rank = (group: SeriesGroup) => (group.isOther ? 2 : isNull(group) ? 1 : 0);
  return [...groups.values()].sort((left, right) => {
    const byRank = rank(left) - rank(right);
    if (byRank !== 0) return byRank;
    if (right.total !== left.total) return right.total - left.total;
    const a = left.breakdownValue ?? [];
    const b = right.breakdownValue ?? [];
    for (let index = 0; index < Math.min(a.length, b.length); index++) {
      const difference = compareCodeUnits(a[index]!, b[index]!);
      if (difference !== 0) return difference;
    }
    return 0;
  });
}

/** `floor` of the mean of each value and the `window − 1` before it (§2.2 smoothing). */
function smooth(values: readonly number[], window: number): number[] {
  if (window <= 1) return [...values];
  return values.map((_, index) => {
    const slice = values.slice(Math.max(0, index - window + 1), index + 1);
    return Math.floor(slice.reduce((sum, value) => sum + value, 0) / slice.length);
  });
}

function runningTotal(values: readonly number[]): number[] {
  let total = 0;
  return values.map((value) => {
    total += value;
    return total;
  });
}

function trendsFilterEcho(query: TrendsQuery, range: ResolvedDateRange): Record<string, unknown> {
  return nonNullEntries({
    insight: 'TRENDS',
    properties: query.properties ?? [],
    filter_test_accounts: query.filterTestAccounts ?? false,
    date_to: formatLocal(range.dateTo, range.timezone),
    date_from: formatLocal(range.dateFrom, range.timezone),
    entity_type: 'events',
    sampling_factor: query.samplingFactor,
    aggregation_group_type_index: query.aggregation_group_type_index,
    interval: query.interval ?? 'day',
    ...nonNullEntries(query.trendsFilter),
    ...nonNullEntries(query.breakdownFilter),
  });
}

function seriesAction(node: EventsNode, order: number, range: ResolvedDateRange): TrendsAction {
  return {
    days: range.buckets.map((bucket) => formatLocal(bucket, range.timezone)),
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
}

/** Plans a trends query (§2): one statement per series and period; rows become PostHog's result items. */
export function planTrends(query: TrendsQuery, context: PlanContext): QueryPlan<TrendsResponse> {
  const display = query.trendsFilter?.display ?? 'ActionsLineGraph';
  const totalValue = TOTAL_VALUE_DISPLAYS.has(display);
  const cumulative = display === 'ActionsLineGraphCumulative';
  const interval: Interval = totalValue ? 'day' : ((query.interval ?? 'day') as Interval);
  const dateContext: DateContext = {
    timezone: context.timezone,
    weekStartDay: context.weekStartDay,
    now: context.now,
    earliestTimestamp: context.earliestTimestamp,
  };
  const current = resolveDateRange(query.dateRange, interval, dateContext, {
    exactTimeRange: display === 'BoldNumber',
  });
  const compare = Boolean(query.compareFilter?.compare);
  const periods: Period[] = [{ label: 'current', range: current }];
  if (compare) {
    periods.push({
      label: 'previous',
      range: resolvePreviousDateRange(query.dateRange, current, dateContext, query.compareFilter?.compare_to),
    });
  }
  const dimensions = breakdownDimensions(query.breakdownFilter, { multiple: true });
  const hasBreakdown = dimensions.length > 0;
  const limit = query.breakdownFilter?.breakdown_limit ?? (display === 'WorldMap' ? 250 : DEFAULT_BREAKDOWN_LIMIT);
  const testAccounts = query.filterTestAccounts ? context.testAccountFilters : null;
  const series = query.series as EventsNode[];
  const smoothing = query.trendsFilter?.smoothingIntervals ?? 1;

  const units = periods.flatMap((period) =>
    series.map((node, order) => {
      const math = effectiveMath(node.math ?? 'total', period.range.interval);
      const filters = { global: query.properties, testAccounts, series: seriesOwnFilters(node) };
      const property = PROPERTY_MATHS.has(math)
        ? {
            key: node.math_property!,
            fromPerson: node.math_property_type === 'person_properties',
            multiplier: node.math_multiplier ?? null,
          }
        : null;
      const windows =
        math === 'weekly_active' || math === 'monthly_active'
          ? activeWindows(period.range, math === 'weekly_active' ? 7 : 30, totalValue)
          : null;
      const firstSeenOnly = cumulative && math === 'dau';
      const statement = trendsSeriesSql({
        scope: {
          schema: context.schema,
          projectId: context.projectId,
          eventNames: node.event ? [node.event] : null,
          from: windows ? windows.sliceStarts[0]! : instantOf(period.range, period.range.filterFrom),
          to: instantOf(period.range, period.range.dateTo),
          conditions: seriesFilterConditions(filters),
          needsPersonId: mathNeedsPersonId(math) || firstSeenOnly,
          joinPerson:
            seriesFiltersUsePerson(filters) || usesPersonBreakdown(dimensions) || Boolean(property?.fromPerson),
        },
        math,
        property,
        breakdown: dimensions,
        breakdownLimit: limit,
        bucketStarts: totalValue ? null : period.range.buckets.map((bucket) => instantOf(period.range, bucket)),
        activeWindows: windows,
        firstSeenOnly,
      });
      return { period, node, order, statement: compileStatement(statement) };
    }),
  );

  const itemsOf = (unit: (typeof units)[number], rows: readonly TrendsRow[]): TrendsResultItem[] => {
    const { range } = unit.period;
    const bucketCount = totalValue ? 1 : range.buckets.length;
    const seriesLabel = unit.node.event ?? 'All events';
    const filter = trendsFilterEcho(query, range);
    const days = range.buckets.map((bucket) => bucketDay(bucket, range.interval));
    const labels = range.buckets.map((bucket) => bucketLabel(bucket, range.interval, range));
    return groupRows(rows, bucketCount, hasBreakdown).map((group) => {
      const action = seriesAction(unit.node, unit.order, range);
      let item: TrendsResultItem;
      if (totalValue) {
        item = {
          data: [],
          days: [],
          count: 0,
          aggregated_value: group.total,
          label: seriesLabel,
          filter,
          action,
          order: unit.order,
        };
      } else {
        const smoothed = smooth(group.values, smoothing);
        const data = cumulative ? runningTotal(smoothed) : smoothed;
        const count = cumulative ? (data[data.length - 1] ?? 0) : data.reduce((sum, value) => sum + value, 0);
        item = { data, labels, days, count, label: seriesLabel, filter, action, order: unit.order };
      }
      if (compare) {
        item.compare = true;
        item.compare_label = unit.period.label;
      }
      if (hasBreakdown) {
        const values = group.isOther ? dimensions.map(() => BREAKDOWN_OTHER_MARKER) : (group.breakdownValue ?? []);
        const breakdownValue = dimensions.length === 1 ? values[0]! : values;
        const formatted = values.join('::');
        item.label = series.length > 1 ? `${seriesLabel} - ${formatted}` : formatted;
        item.breakdown_value = breakdownValue;
      }
      return item;
    });
  };

  const formulaNodes = formulaNodesOf(query.trendsFilter);

  return {
    statements: units.map((unit) => unit.statement),
    shape(rowsPerStatement) {
      const perUnit = units.map((unit, index) => itemsOf(unit, (rowsPerStatement[index] ?? []) as TrendsRow[]));
      let results: TrendsResultItem[];
      if (formulaNodes.length === 0) {
        results = perUnit.flat();
      } else {
        const byPeriod = periods.map((_, periodIndex) =>
          perUnit.slice(periodIndex * series.length, (periodIndex + 1) * series.length),
        );
        results = formulaNodes.flatMap((node, formulaIndex) => {
          const formula = parseFormula(
            node.formula,
            series.length,
            `trendsFilter__formulaNodes__${formulaIndex}__formula`,
          );
          return byPeriod.flatMap((periodResults) =>
            applyFormula(node, formula, periodResults, {
              hasBreakdown,
              hasCompare: compare,
              totalValue,
              order: formulaIndex,
            }),
          );
        });
      }
      const isOther = (item: TrendsResultItem) =>
        item.breakdown_value === BREAKDOWN_OTHER_MARKER ||
        (Array.isArray(item.breakdown_value) && item.breakdown_value.includes(BREAKDOWN_OTHER_MARKER));
      const hasMore = hasBreakdown && results.some(isOther);
      if (hasMore && query.breakdownFilter?.breakdown_hide_other_aggregation) {
        results = results.filter((item) => !isOther(item));
      }
      return {
        results,
        hasMore,
        resolved_date_range: {
          date_from: formatLocal(current.dateFrom, current.timezone),
          date_to: formatLocal(current.dateTo, current.timezone),
        },
        timezone: context.timezone,
        error: '',
        timings: null,
        modifiers: query.modifiers ?? {},
      };
    },
  };
}
