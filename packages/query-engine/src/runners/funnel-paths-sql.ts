import { sql } from 'kysely';
import { breakdownKeySql } from '../breakdowns/breakdown-sql.js';
import type { EpochMicros } from '../dates/zoned-time.js';
import { type EventScope, eventSource, PERSON_ID } from '../sql/event-source.js';
import { or, type SqlCondition, type SqlFragment } from '../sql/fragments.js';
import { timestampArrayParam } from '../sql/timestamps.js';
import type { BreakdownDimension } from '../validation/breakdown.js';

export type FunnelOrder = 'ordered' | 'strict' | 'unordered';

export interface FunnelAttemptsOptions {
  /** The candidate events; for ordered/unordered funnels its conditions should include "matches some step". */
  scope: EventScope;
  /** One condition per step (event name and the step's own filters). */
  steps: readonly SqlCondition[];
  order: FunnelOrder;
  windowSeconds: number;
  /** Bucket starts for the entrance period of each attempt (funnel trends); null when not needed. */
  bucketStarts: readonly EpochMicros[] | null;
  /** Breakdown dimensions; each person gets the values of one event, chosen by `attribution`. */
  breakdown: readonly BreakdownDimension[];
  attribution: 'first_touch' | 'last_touch';
}

const WINDOW = sql`PARTITION BY person_id ORDER BY ts DESC, uuid DESC`;
const LATER_ROWS = sql`(${WINDOW} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
const THIS_AND_LATER_ROWS = sql`(${WINDOW} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;

/**
 * The candidate events of a funnel, one row per event, with a boolean per step. With a breakdown, events having a
 * value carry a sortable key `[time, uuid, values…]`, so that a person's first (or last) such event is a plain
 * min (max) over the person's rows.
 */
function candidates(options: FunnelAttemptsOptions): SqlFragment {
  const stepColumns = options.steps.map((condition, index) => sql`(${condition}) AS ${sql.id(`m${index}`)}`);
  const bucket =
    options.bucketStarts === null
      ? sql`NULL::int`
      : sql`width_bucket(e.timestamp, ${timestampArrayParam(options.bucketStarts)})`;
  const columns = [...stepColumns];
  if (options.breakdown.length > 0) {
    const values = options.breakdown.map((dimension) => breakdownKeySql(dimension));
    const hasValue = or(values.map((value) => sql<boolean>`${value} IS NOT NULL`));
    columns.push(sql`CASE WHEN ${hasValue} THEN ARRAY[
        to_char(e.timestamp AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS'), e.uuid::text,
        ${sql.join(values.map((value) => sql`coalesce(${value}, '')`))}
      ]::text[] END AS attribution_key`);
  }
  // date_part computes in float8 what extract computes in numeric and a cast rounds to the same float8, much slower.
  return sql`SELECT ${PERSON_ID} AS person_id, date_part('epoch', e.timestamp) AS ts, e.uuid AS uuid,
      ${bucket} AS bucket, ${sql.join(columns)}
    ${eventSource(options.scope)}`;
}

/**
 * The attribution key of the person's first (last) event with a breakdown value, as a window over the person:
 * placed next to the first step window so both share one sort.
 */
function attributionColumn(options: FunnelAttemptsOptions): SqlFragment {
  if (options.breakdown.length === 0) return sql`, NULL::text[] AS attributed`;
  const pick = options.attribution === 'first_touch' ? sql`min` : sql`max`;
  return sql`, ${pick}(attribution_key COLLATE "C") OVER (PARTITION BY person_id) AS attributed`;
}

/**
 * Ordered funnels. Each row that can be step k gets the greedy continuation from it: the earliest later row that can
 * be step k+1, then from that row the earliest later step k+2, and so on. Computed backwards, one window per step:
 * `next_k` is the minimum over later rows of `[t_k, t_k+1, …]` (a row's own time first, so the earliest row wins;
 * among rows at the same instant the one with the earlier continuation, which is the one that comes first). A start
 * row's chain `[t0, t1, …]` is then its greedy path, which reaches as far as any path from that start can within a
 * window measured from `t0`.
 */
function orderedChains(options: FunnelAttemptsOptions, source: SqlFragment): SqlFragment {
  const last = options.steps.length - 1;
  let level = sql`SELECT * FROM (${source}) candidates`;
  for (let step = last; step >= 1; step--) {
    const own = step === last ? sql`ts` : sql`ARRAY[ts] || ${sql.id(`next${step + 1}`)}`;
    const attribution = step === last ? attributionColumn(options) : sql``;
    level = sql`SELECT *, min(CASE WHEN ${sql.id(`m${step}`)} THEN ${own} END) OVER ${LATER_ROWS}
      AS ${sql.id(`next${step}`)} ${attribution} FROM (${level}) ${sql.id(`level${step}`)}`;
  }
  return sql`SELECT person_id, ts AS t0, bucket, ARRAY[ts] || next1 AS times, attributed FROM (${level}) chains WHERE m0`;
}

/** Strict funnels: step k+1 must be the very next event of the person (any event passing the global filters). */
function strictChains(options: FunnelAttemptsOptions, source: SqlFragment): SqlFragment {
  const last = options.steps.length - 1;
  let level = sql`SELECT *, CASE WHEN ${sql.id(`m${last}`)} THEN ARRAY[ts] END AS ${sql.id(`chain${last}`)}
    FROM (${source}) candidates`;
  for (let step = last - 1; step >= 0; step--) {
    const attribution = step === last - 1 ? attributionColumn(options) : sql``;
    level = sql`SELECT *, CASE WHEN ${sql.id(`m${step}`)}
        THEN ARRAY[ts] || coalesce(lag(${sql.id(`chain${step + 1}`)}) OVER (${WINDOW}), ARRAY[]::float8[]) END
      AS ${sql.id(`chain${step}`)} ${attribution} FROM (${level}) ${sql.id(`level${step}`)}`;
  }
  return sql`SELECT person_id, ts AS t0, bucket, chain0 AS times, attributed FROM (${level}) chains WHERE m0`;
}

/**
 * Unordered funnels: from every event that matches some step, the earliest time at or after it of each step; the
 * steps reached within the window, sorted by time, are the attempt's completions.
 */
function unorderedChains(options: FunnelAttemptsOptions, source: SqlFragment): SqlFragment {
  const firstTimes = options.steps.map(
    (_, index) =>
      sql`min(CASE WHEN ${sql.id(`m${index}`)} THEN ts END) OVER ${THIS_AND_LATER_ROWS} AS ${sql.id(`f${index}`)}`,
  );
  const firstTimeArray = sql`ARRAY[${sql.join(options.steps.map((_, index) => sql.id(`f${index}`)))}]`;
  return sql`SELECT person_id, ts AS t0, bucket,
      ARRAY(SELECT x FROM unnest(${firstTimeArray}) AS x WHERE x IS NOT NULL AND x - ts <= ${options.windowSeconds}::float8 ORDER BY x) AS times,
      attributed
    FROM (SELECT *, ${sql.join(firstTimes)} ${attributionColumn(options)} FROM (${source}) candidates) anchors
    WHERE ${or(options.steps.map((_, index) => sql<boolean>`${sql.id(`m${index}`)}`))}`;
}

/**
 * Every attempt of every person: `person_id`, `t0` (epoch seconds), `bucket` (entrance period), `times` (the
 * completion time of each step reached, from step 0) and `reached` (the furthest step index within the window).
 */
export function funnelAttemptsSql(options: FunnelAttemptsOptions): SqlFragment {
  const source = candidates(options);
  const chains =
    options.order === 'strict'
      ? strictChains(options, source)
      : options.order === 'unordered'
        ? unorderedChains(options, source)
        : orderedChains(options, source);
  // Path times increase, so the furthest step within the window is the last one whose time qualifies.
  const withinWindow = Array.from(
    { length: options.steps.length - 1 },
    (_, index) => options.steps.length - 1 - index,
  ).map(
    (step) =>
      sql`WHEN times[${sql.lit(step + 1)}] - times[1] <= ${options.windowSeconds}::float8 THEN ${sql.lit(step)}`,
  );
  const reached =
    options.order === 'unordered'
      ? sql`cardinality(times) - 1`
      : sql`(CASE ${sql.join(withinWindow, sql` `)} ELSE 0 END)`;
  return sql`SELECT person_id, t0, bucket, times, ${reached} AS reached, attributed FROM (${chains}) attempts`;
}
