import { sql } from 'kysely';
import { type DateContext, resolveDateRange } from '../dates/date-range.js';
import { addIntervals, type Interval } from '../dates/interval.js';
import { toInstant } from '../dates/zoned-time.js';
import { bucketLabel } from '../labels/bucket-labels.js';
import { formatDay, formatLocal } from '../labels/format-datetime.js';
import type { LifecycleQuery } from '../schema/lifecycle-query.js';
import type { EventsNode } from '../schema/series.js';
import { compileStatement } from '../sql/compiler.js';
import { eventSource, PERSON_ID } from '../sql/event-source.js';
import { EVENT_TABLES } from '../sql/event-tables.js';
import { timestampArrayParam } from '../sql/timestamps.js';
import type { PlanContext, QueryPlan } from './query-plan.js';
import { seriesFilterConditions, seriesFiltersUsePerson, seriesOwnFilters } from './series-conditions.js';

export const LIFECYCLE_STATUSES = ['new', 'returning', 'resurrecting', 'dormant'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

export interface LifecycleResultItem {
  status: LifecycleStatus;
  label: string;
  data: number[];
  count: number;
  labels: string[];
  days: string[];
  action: { id: string | null; name: string; type: 'events'; order: number; math: 'total' };
}

export interface LifecycleResponse {
  results: LifecycleResultItem[];
  resolved_date_range: { date_from: string; date_to: string };
  timezone: string;
  timings: null;
  modifiers: Record<string, unknown>;
}

interface LifecycleRow {
  bucket: number;
  status: LifecycleStatus;
  actors: number;
}

/**
 * Plans a lifecycle query (§6). Buckets are numbered 1 (the interval before the range, seen only to classify the
 * first reported bucket) to n + 1; per person and active bucket, `lag`/`lead` over the active buckets tell
 * returning from resurrecting and where a person goes dormant.
 */
export function planLifecycle(query: LifecycleQuery, context: PlanContext): QueryPlan<LifecycleResponse> {
  const interval = (query.interval ?? 'day') as Interval;
  const dateContext: DateContext = {
    timezone: context.timezone,
    weekStartDay: context.weekStartDay,
    now: context.now,
    earliestTimestamp: context.earliestTimestamp,
  };
  const range = resolveDateRange(query.dateRange, interval, dateContext);
  const reported = range.buckets;
  const first = reported[0]!;
  const before = addIntervals(first, interval, -1);
  const end = addIntervals(reported[reported.length - 1]!, interval, 1);
  const boundaries = [before, ...reported, end].map((local) => toInstant(local, range.timezone));
  const node = query.series[0] as EventsNode;
  const testAccounts = query.filterTestAccounts ? context.testAccountFilters : null;
  const filters = { global: query.properties, testAccounts, series: seriesOwnFilters(node) };
  const source = eventSource({
    schema: context.schema,
    projectId: context.projectId,
    eventNames: node.event ? [node.event] : null,
    from: boundaries[0]!,
    to: boundaries[boundaries.length - 1]!,
    toExclusive: true,
    conditions: [
      ...seriesFilterConditions(filters),
      sql<boolean>`(e.properties ->> '$process_person_profile') IS DISTINCT FROM 'false'`,
    ],
    needsPersonId: true,
    joinPerson: seriesFiltersUsePerson(filters),
  });
  const thresholds = timestampArrayParam(boundaries);
  const lastBucket = reported.length + 1;
  const statement = sql<LifecycleRow>`WITH active AS (
      SELECT ${PERSON_ID} AS person_id, width_bucket(e.timestamp, ${thresholds}) AS bucket ${source} GROUP BY 1, 2
    ),
    marked AS (
      SELECT a.person_id, a.bucket, width_bucket(p.created_at, ${thresholds}) AS created_bucket,
        lag(a.bucket) OVER (PARTITION BY a.person_id ORDER BY a.bucket) AS previous_bucket,
        lead(a.bucket) OVER (PARTITION BY a.person_id ORDER BY a.bucket) AS next_bucket
      FROM active a
      LEFT JOIN ${sql.id(context.schema, EVENT_TABLES.person)} p ON p.project_id = ${context.projectId}::int AND p.id = a.person_id
    )
    SELECT bucket, status, count(*)::float8 AS actors FROM (
      SELECT bucket, CASE
          WHEN bucket = created_bucket THEN 'new'
          WHEN previous_bucket = bucket - 1 THEN 'returning'
          ELSE 'resurrecting' END AS status
      FROM marked WHERE bucket >= 2
      UNION ALL
      SELECT bucket + 1, 'dormant' FROM marked
      WHERE bucket + 1 <= ${lastBucket}::int AND (next_bucket IS NULL OR next_bucket > bucket + 1)
    ) statuses GROUP BY 1, 2`;

  const eventLabel = node.event ?? 'All events';
  return {
    statements: [compileStatement(statement)],
    shape([rows]) {
      const counts = new Map<string, number>();
      for (const row of (rows ?? []) as LifecycleRow[]) counts.set(`${row.status}:${row.bucket}`, row.actors);
      const days = reported.map((bucket) => formatDay(bucket, interval === 'hour'));
      const labels = reported.map((bucket) => bucketLabel(bucket, interval, range));
      const results = LIFECYCLE_STATUSES.map((status): LifecycleResultItem => {
        const sign = status === 'dormant' ? -1 : 1;
        const data = reported.map((_, index) => sign * (counts.get(`${status}:${index + 2}`) ?? 0) || 0);
        return {
          status,
          label: `${eventLabel} - ${status}`,
          data,
          count: data.reduce((sum, value) => sum + value, 0),
          labels,
          days,
          action: { id: node.event ?? null, name: eventLabel, type: 'events', order: 0, math: 'total' },
        };
      });
      return {
        results,
        resolved_date_range: {
          date_from: formatLocal(range.dateFrom, range.timezone),
          date_to: formatLocal(range.dateTo, range.timezone),
        },
        timezone: context.timezone,
        timings: null,
        modifiers: query.modifiers ?? {},
      };
    },
  };
}
