import type { CompiledQuery } from 'kysely';
import type { EpochMicros } from '../dates/zoned-time.js';
import type { PropertyFilters } from '../schema/property-filters.js';

/** Project settings after validation, as runners consume them. */
export interface PlanContext {
  projectId: number;
  schema: string;
  timezone: string;
  weekStartDay: 0 | 1;
  testAccountFilters: PropertyFilters;
  now: EpochMicros;
  /** The earliest relevant event, looked up beforehand when `date_from` is `"all"`. */
  earliestTimestamp: EpochMicros | null;
}

/** Statements to run (in any order, possibly concurrently) and how their rows become the response. */
export interface QueryPlan<Response> {
  statements: CompiledQuery<unknown>[];
  shape(rowsPerStatement: readonly unknown[][]): Response;
}
