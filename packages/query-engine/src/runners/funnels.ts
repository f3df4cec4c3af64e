import { sql } from 'kysely';
import { usesPersonBreakdown } from '../breakdowns/breakdown-sql.js';
import { FUNNEL_OTHER_VALUE } from '../breakdowns/markers.js';
import { compareCodeUnits } from '../breakdowns/natural-order.js';
import { type DateContext, type ResolvedDateRange, resolveDateRange } from '../dates/date-range.js';
import type { Interval } from '../dates/interval.js';
import { toInstant } from '../dates/zoned-time.js';
import { propertyFiltersCondition } from '../filters/property-filter-sql.js';
import { bucketDay, bucketLabel } from '../labels/bucket-labels.js';
import { formatLocal } from '../labels/format-datetime.js';
import type { FunnelsQuery } from '../schema/funnels-query.js';
import type { EventsNode } from '../schema/series.js';
import { compileStatement } from '../sql/compiler.js';
import { type EventScope, PROPERTY_SOURCES } from '../sql/event-source.js';
import { and, or, type SqlCondition, type SqlFragment, textArrayParam } from '../sql/fragments.js';
import { breakdownDimensions, DEFAULT_BREAKDOWN_LIMIT } from '../validation/breakdown.js';
import { type FunnelAttemptsOptions, funnelAttemptsSql } from './funnel-paths-sql.js';
import type {
  FunnelStepResult,
  FunnelsResponse,
  FunnelTimeToConvertResult,
  FunnelTrendsResult,
} from './funnel-result.js';
import { funnelWindowSeconds } from './funnel-window.js';
import type { PlanContext, QueryPlan } from './query-plan.js';
import { seriesFilterConditions, seriesFiltersUsePerson, seriesOwnFilters } from './series-conditions.js';

interface StepsRow {
  breakdown_value: string[] | null;
  counts: number[];
  average_times: Array<number | null>;
  median_times: Array<number | null>;
}

interface TimeToConvertRow {
  average: number | null;
  min_timing: number | null;
  width: number | null;
  bin_count: number | null;
  bins: Array<[number, number]> | null;
}

interface TrendsRow {
  bucket: number;
  reached_from: number;
  reached_to: number;
}

function stepCondition(node: EventsNode): SqlCondition {
  const conditions: SqlCondition[] = [];
  if (node.event) conditions.push(sql<boolean>`e.event = ${node.event}::text`);
  conditions.push(propertyFiltersCondition(seriesOwnFilters(node), PROPERTY_SOURCES));
  return and(conditions);
}

/**
 * The best attempt of each person: furthest step, then the earliest arrival there, then the latest start. One
 * aggregate over the attempts (already ordered by person) instead of a sort: the maximum of
 * `[reached, −arrival, start, times…]` is that attempt.
 */
function bestPathsSql(attempts: SqlFragment): SqlFragment {
  return sql`SELECT person_id, best[1]::int AS reached, best[4:] AS times, attributed FROM (
      SELECT person_id, max(ARRAY[reached::float8, -times[reached + 1], t0] || times) AS best, min(attributed) AS attributed
      FROM (${attempts}) attempts GROUP BY person_id
    ) best_attempts`;
}

function stepAggregates(stepCount: number): SqlFragment {
  const counts = Array.from(
    { length: stepCount },
    (_, step) => sql`count(*) FILTER (WHERE reached >= ${sql.lit(step)})`,
  );
  const gap = (step: number) => sql`(times[${sql.lit(step + 1)}] - times[${sql.lit(step)}])`;
  const averages = Array.from({ length: stepCount }, (_, step) =>
    step === 0 ? sql`NULL::float8` : sql`avg(${gap(step)}) FILTER (WHERE reached >= ${sql.lit(step)})`,
  );
  const medians = Array.from({ length: stepCount }, (_, step) =>
    step === 0
      ? sql`NULL::float8`
      : sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${gap(step)}) FILTER (WHERE reached >= ${sql.lit(step)})`,
  );
  return sql`ARRAY[${sql.join(counts)}]::float8[] AS counts,
    ARRAY[${sql.join(averages)}]::float8[] AS average_times,
    ARRAY[${sql.join(medians)}]::float8[] AS median_times`;
}

/** Plans a funnel (§3): steps (ordered, strict, unordered), time to convert, or conversion trends. */
export function planFunnels(query: FunnelsQuery, context: PlanContext): QueryPlan<FunnelsResponse> {
  const filter = query.funnelsFilter ?? {};
  const order = filter.funnelOrderType ?? 'ordered';
  const viz = filter.funnelVizType ?? 'steps';
  const interval = (query.interval ?? 'day') as Interval;
  const dateContext: DateContext = {
    timezone: context.timezone,
    weekStartDay: context.weekStartDay,
    now: context.now,
    earliestTimestamp: context.earliestTimestamp,
  };
  const range = resolveDateRange(query.dateRange, interval, dateContext);
  const series = query.series as EventsNode[];
  const dimensions = viz === 'steps' ? breakdownDimensions(query.breakdownFilter, { multiple: true }) : [];
  const testAccounts = query.filterTestAccounts ? context.testAccountFilters : null;
  const windowSeconds = funnelWindowSeconds(filter.funnelWindowInterval, filter.funnelWindowIntervalUnit);
  const stepCount = viz === 'trends' ? (filter.funnelToStep ?? series.length - 1) + 1 : series.length;
  const steps = series.slice(0, stepCount);

  const globalFilters = { global: query.properties, testAccounts, series: [] };
  const anyStepIsAllEvents = steps.some((node) => !node.event);
  const stepConditions = steps.map(stepCondition);
  const scope: EventScope = {
    schema: context.schema,
    projectId: context.projectId,
    // Strict funnels see every event (any other event breaks the sequence); the others only the steps' events.
    eventNames: order === 'strict' || anyStepIsAllEvents ? null : [...new Set(steps.map((node) => node.event!))],
    from: toInstant(range.dateFrom, range.timezone),
    to: toInstant(range.dateTo, range.timezone),
    conditions: [...seriesFilterConditions(globalFilters), ...(order === 'strict' ? [] : [or(stepConditions)])],
    needsPersonId: true,
    joinPerson:
      seriesFiltersUsePerson(globalFilters) ||
      steps.some((node) =>
        seriesFiltersUsePerson({ global: null, testAccounts: null, series: seriesOwnFilters(node) }),
      ) ||
      usesPersonBreakdown(dimensions),
  };
  const options: FunnelAttemptsOptions = {
    scope,
    steps: stepConditions,
    order,
    windowSeconds,
    bucketStarts: viz === 'trends' ? range.buckets.map((bucket) => toInstant(bucket, range.timezone)) : null,
    breakdown: dimensions,
    attribution: filter.breakdownAttributionType === 'last_touch' ? 'last_touch' : 'first_touch',
  };
  const attempts = funnelAttemptsSql(options);
  const base = {
    isUdf: true,
    resolved_date_range: {
      date_from: formatLocal(range.dateFrom, range.timezone),
      date_to: formatLocal(range.dateTo, range.timezone),
    },
    timezone: context.timezone,
    timings: null,
    modifiers: query.modifiers ?? {},
  };

  if (viz === 'time_to_convert') {
    const from = filter.funnelFromStep ?? 0;
    const to = filter.funnelToStep ?? series.length - 1;
    const statement = timeToConvertSql(attempts, from, to, filter.binCount ?? null);
    return {
      statements: [compileStatement(statement)],
      shape: ([rows]) => ({ ...base, results: timeToConvertResult((rows as TimeToConvertRow[])[0]) }),
    };
  }
  if (viz === 'trends') {
    const from = filter.funnelFromStep ?? 0;
    const to = stepCount - 1;
    const statement = sql<TrendsRow>`SELECT bucket,
        count(*) FILTER (WHERE reached >= ${sql.lit(from)})::float8 AS reached_from,
        count(*) FILTER (WHERE reached >= ${sql.lit(to)})::float8 AS reached_to
      FROM (SELECT person_id, bucket, max(reached) AS reached FROM (${attempts}) attempts GROUP BY 1, 2) periods
      GROUP BY bucket`;
    return {
      statements: [compileStatement(statement)],
      shape: ([rows]) => ({ ...base, results: funnelTrendsResult(rows as TrendsRow[], range) }),
    };
  }

  const best = bestPathsSql(attempts);
  let statement: SqlFragment;
  if (dimensions.length === 0) {
    statement = sql`SELECT NULL::text[] AS breakdown_value, ${stepAggregates(stepCount)} FROM (${best}) best HAVING count(*) > 0`;
  } else {
    const limit = query.breakdownFilter?.breakdown_limit ?? DEFAULT_BREAKDOWN_LIMIT;
    const other = textArrayParam(dimensions.map(() => FUNNEL_OTHER_VALUE));
    const missing = textArrayParam(dimensions.map(() => ''));
    statement = sql`WITH best AS (
        SELECT person_id, reached, times, coalesce(attributed[3:], ${missing}) AS bv FROM (${best}) b
      ),
      ranked AS (SELECT bv, row_number() OVER (ORDER BY count(*) DESC, bv COLLATE "C") AS position FROM best GROUP BY bv)
      SELECT CASE WHEN r.position <= ${limit}::int THEN b.bv ELSE ${other} END AS breakdown_value,
        ${stepAggregates(stepCount)}
      FROM best b JOIN ranked r ON r.bv = b.bv
      GROUP BY 1`;
  }
  return {
    statements: [compileStatement(statement)],
    shape: ([rows]) => {
      const stepsRows = rows as StepsRow[];
      const stepList = (row: StepsRow): FunnelStepResult[] =>
        steps.map((node, index) => {
          const step: FunnelStepResult = {
            action_id: order === 'unordered' ? null : (node.event ?? null),
            name: order === 'unordered' ? `Completed ${index + 1} step${index === 0 ? '' : 's'}` : (node.event ?? null),
            custom_name: order === 'unordered' ? null : (node.custom_name ?? null),
            order: index,
            people: [],
            count: row.counts[index] ?? 0,
            type: 'events',
            average_conversion_time: row.average_times[index] ?? null,
            median_conversion_time: row.median_times[index] ?? null,
          };
          if (row.breakdown_value) {
            step.breakdown = row.breakdown_value;
            step.breakdown_value = row.breakdown_value;
          }
          return step;
        });
      if (dimensions.length === 0) return { ...base, results: stepsRows.length === 0 ? [] : stepList(stepsRows[0]!) };
      const sorted = [...stepsRows].sort((left, right) => {
        for (let index = stepCount - 1; index >= 0; index--) {
          const difference = (right.counts[index] ?? 0) - (left.counts[index] ?? 0);
          if (difference !== 0) return difference;
        }
        return compareCodeUnits(JSON.stringify(left.breakdown_value), JSON.stringify(right.breakdown_value));
      });
      return { ...base, results: sorted.map(stepList) };
    },
  };
}

function timeToConvertSql(attempts: SqlFragment, from: number, to: number, binCount: number | null) {
  const bins =
    binCount === null
      ? sql`least(60, greatest(1, ceil(cbrt(n))))::int`
      : sql`${Math.min(90, Math.max(1, binCount))}::int`;
  return sql<TimeToConvertRow>`WITH timings AS (
      SELECT times[${sql.lit(to + 1)}] - times[${sql.lit(from + 1)}] AS timing
      FROM (${bestPathsSql(attempts)}) best WHERE reached >= ${sql.lit(to)}
    ),
    stats AS (SELECT count(*) AS n, floor(min(timing)) AS min_timing, ceil(max(timing)) AS max_timing, avg(timing) AS average FROM timings),
    sized AS (SELECT *, ${bins} AS bin_count FROM stats),
    shaped AS (
      SELECT *, CASE WHEN ceil((max_timing - min_timing) / bin_count) > 0 THEN ceil((max_timing - min_timing) / bin_count) ELSE 60 END AS width
      FROM sized
    )
    SELECT s.average::float8 AS average, s.min_timing::float8 AS min_timing, s.width::float8 AS width, s.bin_count,
      (SELECT json_agg(json_build_array(bin, people)) FROM (
        SELECT floor((t.timing - s.min_timing) / s.width)::int AS bin, count(*)::int AS people FROM timings t GROUP BY 1
      ) binned) AS bins
    FROM shaped s WHERE s.n > 0`;
}

function timeToConvertResult(row: TimeToConvertRow | undefined): FunnelTimeToConvertResult {
  if (!row || row.average === null || row.min_timing === null || row.width === null || row.bin_count === null) {
    return { average_conversion_time: null, bins: [] };
  }
  const counts = new Map((row.bins ?? []).map(([bin, people]) => [bin, people]));
  const bins: Array<[number, number]> = [];
  for (let bin = 0; bin <= row.bin_count; bin++) {
    bins.push([Math.round(row.min_timing + bin * row.width), counts.get(bin) ?? 0]);
  }
  return { average_conversion_time: row.average, bins };
}

function funnelTrendsResult(rows: readonly TrendsRow[], range: ResolvedDateRange): FunnelTrendsResult[] {
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  const data = range.buckets.map((_, index) => {
    const row = byBucket.get(index + 1);
    if (!row || row.reached_from === 0) return 0;
    return Math.round((row.reached_to / row.reached_from) * 100 * 100) / 100;
  });
  return [
    {
      count: range.buckets.length,
      data,
      days: range.buckets.map((bucket) => bucketDay(bucket, range.interval)),
      labels: range.buckets.map((bucket) => bucketLabel(bucket, range.interval, range)),
    },
  ];
}
