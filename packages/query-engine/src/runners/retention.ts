import { sql } from 'kysely';
import { breakdownValueSql, usesPersonBreakdown } from '../breakdowns/breakdown-sql.js';
import { BREAKDOWN_OTHER_MARKER } from '../breakdowns/markers.js';
import type { DateContext } from '../dates/date-range.js';
import type { Interval } from '../dates/interval.js';
import { resolveRetentionRange } from '../dates/retention-range.js';
import { toInstant } from '../dates/zoned-time.js';
import { propertyFiltersCondition } from '../filters/property-filter-sql.js';
import { usesPersonProperties } from '../filters/uses-person-properties.js';
import { formatLocal } from '../labels/format-datetime.js';
import type { RetentionEntity, RetentionPeriod, RetentionQuery } from '../schema/retention-query.js';
import { compileStatement } from '../sql/compiler.js';
import { type EventScope, eventSource, PERSON_ID, PROPERTY_SOURCES, resolvedPersonOf } from '../sql/event-source.js';
import type { SqlCondition, SqlFragment } from '../sql/fragments.js';
import { timestampArrayParam } from '../sql/timestamps.js';
import { breakdownDimensions, DEFAULT_BREAKDOWN_LIMIT } from '../validation/breakdown.js';
import { intervalBits } from './interval-bits.js';
import type { PlanContext, QueryPlan } from './query-plan.js';
import { seriesFilterConditions, seriesFiltersUsePerson } from './series-conditions.js';

export interface RetentionResultItem {
  label: string;
  date: string;
  values: Array<{ count: number; label: string }>;
  breakdown_value?: string;
}

export interface RetentionResponse {
  results: RetentionResultItem[];
  timezone: string;
  timings: null;
  modifiers: Record<string, unknown>;
}

interface RetentionRow {
  cohort: number;
  breakdown_value: string | null;
  is_other: boolean;
  interval_offset: number;
  actors: number;
}

const PERIOD_INTERVAL: Record<RetentionPeriod, Interval> = { Hour: 'hour', Day: 'day', Week: 'week', Month: 'month' };
const DEFAULT_ENTITY: RetentionEntity = { id: '$pageview', type: 'events' };
export const DEFAULT_TOTAL_INTERVALS = 8;

/** The event name an entity matches (null = every event), and its own property filters. */
function entityMatch(entity: RetentionEntity | null | undefined) {
  const resolved = entity ?? DEFAULT_ENTITY;
  const eventName = typeof resolved.id === 'string' ? resolved.id : null;
  return { eventName, properties: resolved.properties ?? [] };
}

/**
 * Plans a retention query (§4). Per person the cohort intervals are found first (recurring: every interval with a
 * target event; first-time: only the interval of the first target event ever), then every later interval with a
 * returning event adds the person to that cohort's `values[k]`.
 */
export function planRetention(query: RetentionQuery, context: PlanContext): QueryPlan<RetentionResponse> {
  const filter = query.retentionFilter;
  const period = filter.period ?? 'Day';
  const interval = PERIOD_INTERVAL[period];
  const totalIntervals = filter.totalIntervals ?? DEFAULT_TOTAL_INTERVALS;
  const dateContext: DateContext = {
    timezone: context.timezone,
    weekStartDay: context.weekStartDay,
    now: context.now,
    earliestTimestamp: context.earliestTimestamp,
  };
  const range = resolveRetentionRange(query.dateRange, interval, totalIntervals, dateContext);
  const from = toInstant(range.dateFrom, range.timezone);
  const to = toInstant(range.dateTo, range.timezone);
  const thresholds = timestampArrayParam(range.intervalStarts.map((start) => toInstant(start, range.timezone)));
  const testAccounts = query.filterTestAccounts ? context.testAccountFilters : null;
  const dimensions = breakdownDimensions(query.breakdownFilter, { multiple: false });
  const retentionType = filter.retentionType ?? 'retention_recurring';
  const target = entityMatch(filter.targetEntity);
  const returning = entityMatch(filter.returningEntity);

  const scopeFor = (
    eventName: string | null,
    ownFilters: RetentionEntity['properties'],
    extra: { from: number | null; conditions: SqlCondition[]; joinPerson: boolean },
  ): EventScope => {
    const filters = { global: query.properties, testAccounts, series: ownFilters ?? [] };
    return {
      schema: context.schema,
      projectId: context.projectId,
      eventNames: eventName === null ? null : [eventName],
      from: extra.from,
      to,
      toExclusive: true,
      conditions: [...seriesFilterConditions(filters), ...extra.conditions],
      needsPersonId: true,
      joinPerson: seriesFiltersUsePerson(filters) || extra.joinPerson,
    };
  };

  const hasBreakdown = dimensions.length > 0;
  const resolved = resolvedPersonOf(context.schema, context.projectId, sql`raw.person_id`);
  const breakdownValue = hasBreakdown ? breakdownValueSql(dimensions[0]!, '') : sql`''::text`;
  const breakdownNeedsPerson = usesPersonBreakdown(dimensions);
  const cohortCount = range.intervalStarts.length;
  let cohorts: SqlFragment;
  if (retentionType === 'retention_recurring') {
    const source = eventSource(
      scopeFor(target.eventName, target.properties, { from, conditions: [], joinPerson: breakdownNeedsPerson }),
    );
    cohorts = hasBreakdown
      ? // Within a cohort interval the breakdown value is the one of the person's first target event there.
        sql`SELECT DISTINCT ON (person_id, cohort) person_id, cohort, bv FROM (
            SELECT ${PERSON_ID} AS person_id, width_bucket(e.timestamp, ${thresholds}) AS cohort, ${breakdownValue} AS bv,
              e.timestamp, e.uuid
            ${source}
          ) target_events ORDER BY person_id, cohort, timestamp, uuid`
      : sql`SELECT ${resolved.personId} AS person_id, raw.cohort, ''::text AS bv FROM (
            SELECT e.person_id, width_bucket(e.timestamp, ${thresholds}) AS cohort ${source} GROUP BY 1, 2
          ) raw ${resolved.join} GROUP BY 1, 2`;
  } else {
    // First-time retention looks at all history: the first target event ever (matching the entity's properties, or,
    // for first-ever-occurrence, any target event which must then match them) decides the cohort.
    const matchesEntity = propertyFiltersCondition(target.properties, PROPERTY_SOURCES);
    const firstEver = retentionType === 'retention_first_ever_occurrence';
    const source = eventSource(
      scopeFor(target.eventName, firstEver ? [] : target.properties, {
        from: null,
        conditions: [],
        joinPerson: breakdownNeedsPerson || (firstEver && usesPersonProperties(target.properties)),
      }),
    );
    cohorts =
      hasBreakdown || firstEver
        ? sql`SELECT person_id, width_bucket(timestamp, ${thresholds}) AS cohort, bv FROM (
            SELECT DISTINCT ON (${PERSON_ID}) ${PERSON_ID} AS person_id, e.timestamp, ${breakdownValue} AS bv,
              ${firstEver ? matchesEntity : sql`TRUE`} AS matches
            ${source} ORDER BY ${PERSON_ID}, e.timestamp, e.uuid
          ) first_events WHERE matches`
        : sql`SELECT person_id, width_bucket(first_timestamp, ${thresholds}) AS cohort, ''::text AS bv FROM (
            SELECT ${PERSON_ID} AS person_id, min(e.timestamp) AS first_timestamp ${source} GROUP BY 1
          ) first_events`;
  }
  // Each person's return intervals as bits and the last one: one row per person, so matching returns to cohorts is a
  // bit test instead of a join of interval pairs.
  const minimumOccurrences = filter.minimumOccurrences ?? 1;
  const returnSource = eventSource(
    scopeFor(returning.eventName, returning.properties, { from, conditions: [], joinPerson: false }),
  );
  const bits = intervalBits(cohortCount);
  const bucket = sql`width_bucket(e.timestamp, ${thresholds})`;
  // Only cumulative retention reads the last return interval.
  const lastBucket = (of: SqlFragment) => (filter.cumulative ? sql`, max(${of}) AS last_bucket` : sql``);
  // Occurrences are counted per resolved person (a merged person's events count together); a plain return can be
  // collected per stored person first and merged afterwards.
  const returns =
    minimumOccurrences > 1
      ? sql`SELECT person_id, ${bits.collect(sql`bucket`)} AS intervals ${lastBucket(sql`bucket`)} FROM (
            SELECT ${PERSON_ID} AS person_id, ${bucket} AS bucket ${returnSource}
            GROUP BY 1, 2 HAVING count(*) >= ${minimumOccurrences}::int
          ) return_intervals GROUP BY person_id`
      : sql`SELECT ${resolved.personId} AS person_id, ${bits.merge(sql`raw.intervals`)} AS intervals
            ${lastBucket(sql`raw.last_bucket`)} FROM (
            SELECT e.person_id, ${bits.collect(bucket)} AS intervals ${lastBucket(bucket)}
            ${returnSource} GROUP BY 1
          ) raw ${resolved.join} GROUP BY 1`;
  const returnedIn = (intervals: SqlFragment, lastBucket: SqlFragment, cohort: SqlFragment) =>
    filter.cumulative ? sql<boolean>`${lastBucket} >= ${cohort} + k` : bits.has(intervals, sql`${cohort} + k`);
  const limit = query.breakdownFilter?.breakdown_limit ?? DEFAULT_BREAKDOWN_LIMIT;
  // Recurring retention whose cohorts and returns are the same events (the default, `$pageview` both ways) reads
  // them once: a person's cohorts are the set bits of their returns.
  const oneReadOfEvents =
    retentionType === 'retention_recurring' &&
    !hasBreakdown &&
    minimumOccurrences <= 1 &&
    target.eventName === returning.eventName &&
    JSON.stringify(target.properties) === JSON.stringify(returning.properties);
  const statement = oneReadOfEvents
    ? sql<RetentionRow>`WITH persons AS (${returns})
      SELECT c AS cohort, NULL::text AS breakdown_value, false AS is_other, k AS interval_offset, count(*)::float8 AS actors
      FROM persons CROSS JOIN generate_series(1, ${cohortCount}::int) AS c
        CROSS JOIN generate_series(0, ${totalIntervals - 1}::int) AS k
      WHERE c + k <= ${cohortCount}::int AND ${bits.has(sql`intervals`, sql`c`)}
        AND (k = 0 OR ${returnedIn(sql`intervals`, sql`last_bucket`, sql`c`)})
      GROUP BY 1, 4`
    : sql<RetentionRow>`WITH cohorts AS MATERIALIZED (
      SELECT person_id, cohort, bv FROM (${cohorts}) cohort_rows WHERE cohort >= 1
    ),
    returns AS (${returns}),
    cells AS (
      SELECT cohort, bv, 0 AS interval_offset, count(*) AS actors FROM cohorts GROUP BY 1, 2
      UNION ALL
      SELECT c.cohort, c.bv, k AS interval_offset, count(*)
      FROM cohorts c JOIN returns r ON r.person_id = c.person_id
      CROSS JOIN generate_series(1, ${totalIntervals - 1}::int) AS k
      WHERE c.cohort + k <= ${cohortCount}::int AND ${returnedIn(sql`r.intervals`, sql`r.last_bucket`, sql`c.cohort`)}
      GROUP BY 1, 2, 3
    ),
    ranked AS (
      SELECT bv, row_number() OVER (ORDER BY sum(actors) FILTER (WHERE interval_offset = 0) DESC, bv COLLATE "C") AS position
      FROM cells GROUP BY bv
    )
    SELECT c.cohort, CASE WHEN r.position <= ${limit}::int THEN c.bv END AS breakdown_value,
      r.position > ${limit}::int AS is_other, c.interval_offset, sum(c.actors)::float8 AS actors
    FROM cells c JOIN ranked r ON r.bv = c.bv
    GROUP BY 1, 2, 3, 4`;

  return {
    statements: [compileStatement(statement)],
    shape([rows]) {
      const cohortCount = range.intervalStarts.length;
      const groups = new Map<
        string,
        { breakdownValue: string | null; isOther: boolean; cells: number[][]; size: number }
      >();
      for (const row of (rows ?? []) as RetentionRow[]) {
        const key = JSON.stringify([row.is_other, row.breakdown_value]);
        let group = groups.get(key);
        if (!group) {
          group = {
            breakdownValue: row.breakdown_value,
            isOther: row.is_other,
            cells: Array.from({ length: cohortCount }, () => new Array<number>(totalIntervals).fill(0)),
            size: 0,
          };
          groups.set(key, group);
        }
        const cells = group.cells[row.cohort - 1];
        if (!cells || row.interval_offset >= totalIntervals) continue;
        cells[row.interval_offset] = (cells[row.interval_offset] ?? 0) + row.actors;
        if (row.interval_offset === 0) group.size += row.actors;
      }
      if (!hasBreakdown && groups.size === 0) {
        groups.set('none', {
          breakdownValue: null,
          isOther: false,
          cells: Array.from({ length: cohortCount }, () => new Array<number>(totalIntervals).fill(0)),
          size: 0,
        });
      }
      const ordered = [...groups.values()].sort((left, right) => {
        if (left.isOther !== right.isOther) return left.isOther ? 1 : -1;
        if (right.size !== left.size) return right.size - left.size;
        const a = left.breakdownValue ?? '';
        const b = right.breakdownValue ?? '';
        return a < b ? -1 : a > b ? 1 : 0;
      });
      const results = ordered.flatMap((group) =>
        range.intervalStarts.map((start, cohort): RetentionResultItem => {
          const item: RetentionResultItem = {
            label: `${period} ${cohort}`,
            date: formatLocal(start, range.timezone),
            values: (group.cells[cohort] ?? []).map((count, k) => ({ count, label: `${period} ${k}` })),
          };
          if (hasBreakdown)
            item.breakdown_value = group.isOther ? BREAKDOWN_OTHER_MARKER : (group.breakdownValue ?? '');
          return item;
        }),
      );
      return { results, timezone: context.timezone, timings: null, modifiers: query.modifiers ?? {} };
    },
  };
}
