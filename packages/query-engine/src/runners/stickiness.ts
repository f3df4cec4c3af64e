import { sql } from 'kysely';
import {
  type DateContext,
  type ResolvedDateRange,
  resolveDateRange,
  resolvePreviousDateRange,
} from '../dates/date-range.js';
import type { Interval } from '../dates/interval.js';
import { toInstant } from '../dates/zoned-time.js';
import type { EventsNode } from '../schema/series.js';
import type { StickinessQuery } from '../schema/stickiness-query.js';
import { compileStatement } from '../sql/compiler.js';
import { eventSource, PERSON_ID } from '../sql/event-source.js';
import { timestampArrayParam } from '../sql/timestamps.js';
import type { PlanContext, QueryPlan } from './query-plan.js';
import { seriesFilterConditions, seriesFiltersUsePerson, seriesOwnFilters } from './series-conditions.js';

export interface StickinessResultItem {
  count: number;
  data: number[];
  days: number[];
  labels: string[];
  label: string;
  action: { order: number; type: 'events'; name: string; id: string | null; custom_name: string | null };
  compare?: true;
  compare_label?: 'current' | 'previous';
}

export interface StickinessResponse {
  results: StickinessResultItem[];
  timezone: string;
  timings: null;
  modifiers: Record<string, unknown>;
}

interface StickinessRow {
  active_intervals: number;
  actors: number;
}

const CRITERIA = { gte: sql`>=`, lte: sql`<=`, exact: sql`=` } as const;

/** Plans a stickiness query (§5): how many persons were active in exactly (or at least) k intervals of the range. */
export function planStickiness(query: StickinessQuery, context: PlanContext): QueryPlan<StickinessResponse> {
  const interval = (query.interval ?? 'day') as Interval;
  const dateContext: DateContext = {
    timezone: context.timezone,
    weekStartDay: context.weekStartDay,
    now: context.now,
    earliestTimestamp: context.earliestTimestamp,
  };
  const current = resolveDateRange(query.dateRange, interval, dateContext);
  const compare = Boolean(query.compareFilter?.compare);
  const periods: Array<{ label: 'current' | 'previous'; range: ResolvedDateRange }> = [
    { label: 'current', range: current },
  ];
  if (compare) {
    periods.push({
      label: 'previous',
      range: resolvePreviousDateRange(query.dateRange, current, dateContext, query.compareFilter?.compare_to),
    });
  }
  const cumulative = query.stickinessFilter?.computedAs === 'cumulative';
  const criteria = query.stickinessFilter?.stickinessCriteria ?? { operator: 'gte' as const, value: 1 };
  const testAccounts = query.filterTestAccounts ? context.testAccountFilters : null;
  const series = query.series as EventsNode[];

  // PostHog orders stickiness results series by series, each current period before its previous one.
  const units = series.flatMap((node, order) =>
    periods.map((period) => {
      const filters = { global: query.properties, testAccounts, series: seriesOwnFilters(node) };
      const { range } = period;
      const source = eventSource({
        schema: context.schema,
        projectId: context.projectId,
        eventNames: node.event ? [node.event] : null,
        from: toInstant(range.filterFrom, range.timezone),
        to: toInstant(range.dateTo, range.timezone),
        conditions: seriesFilterConditions(filters),
        needsPersonId: true,
        joinPerson: seriesFiltersUsePerson(filters),
      });
      const buckets = timestampArrayParam(range.buckets.map((bucket) => toInstant(bucket, range.timezone)));
      const statement = sql<StickinessRow>`SELECT active_intervals::int AS active_intervals, count(*)::float8 AS actors FROM (
          SELECT person_id, count(*) AS active_intervals FROM (
            SELECT ${PERSON_ID} AS person_id, width_bucket(e.timestamp, ${buckets}) AS bucket, count(*) AS events
            ${source} GROUP BY 1, 2
          ) per_interval WHERE events ${CRITERIA[criteria.operator]} ${criteria.value}::int GROUP BY person_id
        ) per_actor GROUP BY 1`;
      return { node, order, period, statement: compileStatement(statement) };
    }),
  );

  return {
    statements: units.map((unit) => unit.statement),
    shape(rowsPerStatement) {
      const results = units.map((unit, index): StickinessResultItem => {
        const rows = (rowsPerStatement[index] ?? []) as StickinessRow[];
        const intervals = unit.period.range.buckets.length;
        const exactly = new Array<number>(intervals).fill(0);
        for (const row of rows) {
          if (row.active_intervals >= 1 && row.active_intervals <= intervals)
            exactly[row.active_intervals - 1] = row.actors;
        }
        const data = cumulative
          ? exactly.map((_, k) => exactly.slice(k).reduce((sum, value) => sum + value, 0))
          : exactly;
        const days = exactly.map((_, k) => k + 1);
        const labels = days.map(
          (k) => `${k} ${unit.period.range.interval}${k === 1 ? '' : 's'}${cumulative ? ' or more' : ''}`,
        );
        const label = unit.node.event ?? 'All events';
        const item: StickinessResultItem = {
          count: exactly.reduce((sum, value) => sum + value, 0),
          data,
          days,
          labels,
          label,
          action: {
            order: unit.order,
            type: 'events',
            name: label,
            id: unit.node.event ?? null,
            custom_name: unit.node.custom_name ?? null,
          },
        };
        if (compare) {
          item.compare = true;
          item.compare_label = unit.period.label;
        }
        return item;
      });
      return { results, timezone: context.timezone, timings: null, modifiers: query.modifiers ?? {} };
    },
  };
}
