import type { z } from 'zod';
import type { QueryBackend } from './backend.js';
import { type EpochMicros, epochMicrosOf, isKnownTimezone } from './dates/zoned-time.js';
import { type QueryError, validationError } from './errors.js';
import { parseQuery } from './parse-query.js';
import type { ProjectSettings } from './project.js';
import { earliestTimestampSql } from './runners/earliest-timestamp.js';
import { planFunnels } from './runners/funnels.js';
import { planLifecycle } from './runners/lifecycle.js';
import type { PlanContext, QueryPlan } from './runners/query-plan.js';
import { planRetention } from './runners/retention.js';
import { planStickiness } from './runners/stickiness.js';
import { planTrends } from './runners/trends.js';
import type { InsightQuery } from './schema/insight-query.js';
import { compileStatement } from './sql/compiler.js';
import { parseTestAccountFilters } from './validation/property-filters.js';

export interface RunQueryContext {
  project: ProjectSettings;
  projectId: number;
  /** The time queries are relative to (PostHog's "now"). */
  now: Date;
  /** The schema holding the event tables (`createEventTables`). */
  schema: string;
  backend: QueryBackend;
  signal?: AbortSignal;
}

/** Any JSON value: what results are, and what the results cache stores them as. */
export type JsonValue = z.infer<ReturnType<typeof z.json>>;

/** A runner's response without the cache envelope: `results` plus the kind's own keys. */
export interface QueryResult {
  results: JsonValue;
  [key: string]: unknown;
}

function planFor(query: InsightQuery, context: PlanContext): QueryPlan<QueryResult> {
  switch (query.kind) {
    case 'TrendsQuery':
      return planTrends(query, context) as unknown as QueryPlan<QueryResult>;
    case 'FunnelsQuery':
      return planFunnels(query, context) as unknown as QueryPlan<QueryResult>;
    case 'RetentionQuery':
      return planRetention(query, context) as unknown as QueryPlan<QueryResult>;
    case 'StickinessQuery':
      return planStickiness(query, context) as unknown as QueryPlan<QueryResult>;
    case 'LifecycleQuery':
      return planLifecycle(query, context) as unknown as QueryPlan<QueryResult>;
  }
}

/** The event names whose earliest event `"all"` resolves to; null = every event of the project. */
function earliestScope(query: InsightQuery): readonly (string | null)[] | null {
  if (query.kind === 'TrendsQuery') {
    return query.series.map((node) => (node.kind === 'EventsNode' ? (node.event ?? null) : null));
  }
  return null;
}

export function checkProjectSettings(project: ProjectSettings): void {
  if (!isKnownTimezone(project.timezone)) throw validationError(`Unknown timezone: ${project.timezone}`, 'timezone');
}

/**
 * Parses, plans and runs one insight query against the backend and returns PostHog's response body for it (without
 * the cache envelope). Statements of one query run concurrently; an aborted `signal` rejects promptly.
 */
export async function runQuery(node: unknown, context: RunQueryContext): Promise<QueryResult> {
  const query = parseQuery(node);
  checkProjectSettings(context.project);
  const testAccountFilters = query.filterTestAccounts
    ? parseTestAccountFilters(context.project.testAccountFilters)
    : [];
  const now = epochMicrosOf(context.now);
  let earliestTimestamp: EpochMicros | null = null;
  if (query.dateRange?.date_from === 'all') {
    const statement = compileStatement(earliestTimestampSql(context.schema, context.projectId, earliestScope(query)));
    const [row] = await context.backend.execute(statement, { signal: context.signal });
    earliestTimestamp = row?.earliest ?? null;
  }
  const plan = planFor(query, {
    projectId: context.projectId,
    schema: context.schema,
    timezone: context.project.timezone,
    weekStartDay: context.project.weekStartDay,
    testAccountFilters,
    now,
    earliestTimestamp,
  });
  const rows = await Promise.all(
    plan.statements.map((statement) => context.backend.execute<unknown>(statement, { signal: context.signal })),
  ).catch((error: unknown) => {
    throw asQueryError(error) ?? error;
  });
  return plan.shape(rows);
}

/** A regex filter PostgreSQL cannot compile is the client's mistake: a 400, not a server error. */
function asQueryError(error: unknown): QueryError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '2201B') {
    return validationError(
      `Invalid regular expression in a property filter: ${(error as Error).message}`,
      'properties',
    );
  }
  return null;
}
