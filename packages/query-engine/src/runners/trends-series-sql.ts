import { sql } from 'kysely';
import { breakdownKeySql } from '../breakdowns/breakdown-sql.js';
import { BREAKDOWN_NULL_MARKER } from '../breakdowns/markers.js';
import type { EpochMicros } from '../dates/zoned-time.js';
import type { MathType } from '../schema/series.js';
import { type EventScope, eventSource, PERSON_ID } from '../sql/event-source.js';
import { type SqlFragment, textArrayParam } from '../sql/fragments.js';
import { timestampArrayParam } from '../sql/timestamps.js';
import type { BreakdownDimension } from '../validation/breakdown.js';
import { eventsAggregate, type MathProperty, mathFamily, perActorAggregate } from './trends-math-sql.js';

export interface TrendsSeriesStatement {
  scope: EventScope;
  math: MathType;
  property: MathProperty | null;
  breakdown: readonly BreakdownDimension[];
  breakdownLimit: number;
  /** Bucket starts as instants; null aggregates over the whole range (total-value displays). */
  bucketStarts: readonly EpochMicros[] | null;
  /** For weekly/monthly active users: the trailing window `[start, end)` of each bucket. */
  activeWindows: { sliceStarts: readonly EpochMicros[]; masks: readonly string[] } | null;
  /** Cumulative unique users: each person counts once, in the bucket of their first event. */
  firstSeenOnly: boolean;
}

/** A row of a trends series statement. */
export interface TrendsRow {
  bucket: number | null;
  breakdown_value: string[] | null;
  is_other: boolean;
  value: number;
}

function bucketSql(starts: readonly EpochMicros[] | null): SqlFragment {
  return starts === null ? sql`NULL::int` : sql`width_bucket(e.timestamp, ${timestampArrayParam(starts)})`;
}

/**
 * The grouping key of the breakdown: the bare text of a single dimension (cheap to sort and hash), an array for
 * several; NULL stands for null, missing and empty values until `markedBreakdown` turns it into the marker.
 */
function breakdownKey(dimensions: readonly BreakdownDimension[]): SqlFragment {
  if (dimensions.length === 0) return sql`NULL::text`;
  if (dimensions.length === 1) return breakdownKeySql(dimensions[0]!);
  return sql`ARRAY[${sql.join(dimensions.map(breakdownKeySql))}]::text[]`;
}

function markedBreakdown(dimensions: readonly BreakdownDimension[], key: SqlFragment): SqlFragment {
  const marker = sql`${BREAKDOWN_NULL_MARKER}::text`;
  if (dimensions.length === 0) return sql`NULL::text[]`;
  if (dimensions.length === 1) return sql`ARRAY[coalesce(${key}, ${marker})]`;
  return sql`array_replace(${key}, NULL, ${marker})`;
}

/** `bucket, bv, value` per bucket (and breakdown value) before any top-N. */
function aggregation(statement: TrendsSeriesStatement): SqlFragment {
  const grouped = groupedAggregation(statement);
  return sql`SELECT bucket, ${markedBreakdown(statement.breakdown, sql`bv`)} AS bv, value FROM (${grouped}) grouped`;
}

function groupedAggregation(statement: TrendsSeriesStatement): SqlFragment {
  const source = eventSource(statement.scope);
  const bucket = bucketSql(statement.bucketStarts);
  const breakdownValue = breakdownKey(statement.breakdown);

  if (statement.activeWindows) {
    const { sliceStarts, masks } = statement.activeWindows;
    const none = sql`${'0'.repeat(sliceStarts.length)}::varbit`;
    return sql`SELECT w.bucket::int AS bucket, active.bv, count(*)::float8 AS value
      FROM (
        SELECT bv, person_id, bit_or(set_bit(${none}, slice - 1, 1)) AS slices FROM (
          SELECT width_bucket(e.timestamp, ${timestampArrayParam(sliceStarts)}) AS slice, ${breakdownValue} AS bv,
            ${PERSON_ID} AS person_id
          ${source}
        ) events GROUP BY 1, 2
      ) active
      CROSS JOIN unnest(${[...masks]}::varbit[]) WITH ORDINALITY AS w(mask, bucket)
      WHERE (active.slices & w.mask) <> ${none}
      GROUP BY 1, 2`;
  }
  if (statement.firstSeenOnly) {
    return sql`SELECT bucket, bv, count(*)::float8 AS value FROM (
        SELECT min(${bucket}) AS bucket, ${breakdownValue} AS bv, ${PERSON_ID} AS person_id ${source} GROUP BY 2, 3
      ) first_seen GROUP BY 1, 2`;
  }
  if (mathFamily(statement.math) === 'per_actor') {
    return sql`SELECT bucket, bv, coalesce(${perActorAggregate(statement.math)}, 0)::float8 AS value FROM (
        SELECT ${bucket} AS bucket, ${breakdownValue} AS bv, ${PERSON_ID} AS person_id, count(*) AS event_count
        ${source} GROUP BY 1, 2, 3
      ) actor_counts GROUP BY 1, 2`;
  }
  return sql`SELECT ${bucket} AS bucket, ${breakdownValue} AS bv,
      coalesce(${eventsAggregate(statement.math, statement.property)}, 0)::float8 AS value
    ${source} GROUP BY 1, 2`;
}

/**
 * One series over one period. With a breakdown, values are ranked in SQL (time series: null marker after real
 * values, then total DESC, value ASC; total-value displays: total DESC, value ASC) and everything past the limit is
 * summed into one "other" group, so only `limit + 1` groups leave the database.
 */
export function trendsSeriesSql(statement: TrendsSeriesStatement) {
  const aggregated = aggregation(statement);
  if (statement.breakdown.length === 0) {
    return sql<TrendsRow>`SELECT bucket, NULL::text[] AS breakdown_value, FALSE AS is_other, value FROM (${aggregated}) agg`;
  }
  const allNull = textArrayParam(statement.breakdown.map(() => BREAKDOWN_NULL_MARKER));
  const nullLast = statement.bucketStarts === null ? sql`` : sql`(bv = ${allNull}),`;
  return sql<TrendsRow>`WITH agg AS (${aggregated}),
    ranked AS (
      SELECT bv, row_number() OVER (ORDER BY ${nullLast} sum(value) DESC, bv COLLATE "C") AS position
      FROM agg GROUP BY bv
    )
    SELECT a.bucket,
      CASE WHEN r.position <= ${statement.breakdownLimit}::int THEN a.bv END AS breakdown_value,
      r.position > ${statement.breakdownLimit}::int AS is_other,
      sum(a.value)::float8 AS value
    FROM agg a JOIN ranked r ON r.bv = a.bv
    GROUP BY 1, 2, 3`;
}
