/**
 * PostHog-compatible insight queries over PostgreSQL: query nodes in, PostHog's result shapes out.
 *
 * - `parseQuery(node)` validates a node like PostHog does (unknown keys → `parse_error`, unsupported features →
 *   `validation_error`, both as `QueryError` with status 400) and unwraps `InsightVizNode`.
 * - `runQuery(node, context)` compiles the query to SQL (bound parameters only), runs it through the caller's
 *   `QueryBackend` and shapes the rows into the kind's response (without the cache envelope).
 * - `normalizedQueryKey` and `cachePolicy` give the cache key and the freshness rules of §7.
 * - `createEventTables(db, schema)` creates the tables the engine reads.
 */
export type { QueryBackend } from './backend.js';
export { normalizedQueryKey } from './cache/cache-key.js';
export { type CachePolicy, cachePolicy } from './cache/cache-policy.js';
export { QueryError, type QueryErrorBody } from './errors.js';
export { type ParsedQuery, parseQuery } from './parse-query.js';
export type { ProjectSettings } from './project.js';
export { type JsonValue, type QueryResult, type RunQueryContext, runQuery } from './run-query.js';
export type { FunnelStepResult, FunnelsResponse } from './runners/funnel-result.js';
export type { LifecycleResponse, LifecycleResultItem } from './runners/lifecycle.js';
export type { RetentionResponse, RetentionResultItem } from './runners/retention.js';
export type { StickinessResponse, StickinessResultItem } from './runners/stickiness.js';
export type { TrendsResponse, TrendsResultItem } from './runners/trends-result.js';
export {
  createEventTables,
  EVENT_TABLES,
  type EventRow,
  type EventTablesDatabase,
  type PersonDistinctIdRow,
  type PersonOverrideRow,
  type PersonRow,
} from './sql/event-tables.js';
export { SUPPORTED_PROPERTY_OPERATORS } from './validation/property-filters.js';
export { PROPERTY_MATH_TYPES, SUPPORTED_TRENDS_MATHS } from './validation/series.js';
