import {
  RUNNABLE_MATHS,
  type RunnableEventsNode,
  type RunnableInsightSource,
  type RunnableInsightVizNode,
  RunnableInterval,
  type RunnablePropertyFilter,
  type RunnableRetentionEntity,
  type RunnableTrendsQuery,
} from '../query/runnable-insight-query.js';
import type { StoredRetentionEntity, StoredSeriesNode } from '../query/stored-insight-query.js';
import { withoutNulls } from '../query/without-nulls.js';

/*
 * Pieces of a runnable query built from a stored one. Copied values keep their meaning or the rule that needs them
 * is skipped: a series we cannot express (an action, a HogQL math) is never silently replaced by something else.
 * Copied filters are not checked here; every finished suggestion is validated once, by `runnableSuggestions`.
 */

type Scope = Pick<RunnableTrendsQuery, 'dateRange' | 'properties' | 'filterTestAccounts'>;

/** The source's date range, global property filters and test-account switch (what PostHog's retention heuristics copy). */
export function copiedScope(source: {
  dateRange?: unknown;
  properties?: unknown;
  filterTestAccounts?: boolean | null;
}): Scope {
  const scope: Scope = {};
  const dateRange = withoutNulls(source.dateRange);
  if (dateRange && typeof dateRange === 'object' && Object.keys(dateRange).length > 0) {
    scope.dateRange = dateRange as Scope['dateRange'];
  }
  if (source.properties !== null && source.properties !== undefined) {
    scope.properties = withoutNulls(source.properties) as Scope['properties'];
  }
  if (typeof source.filterTestAccounts === 'boolean') scope.filterTestAccounts = source.filterTestAccounts;
  return scope;
}

/** A stored series node as a runnable events node; `withMath: false` drops its math (funnel steps, stickiness). */
export function runnableSeriesNode(node: StoredSeriesNode | undefined, withMath: boolean): RunnableEventsNode | null {
  if (node?.kind !== 'EventsNode') return null;
  const runnable: RunnableEventsNode = { kind: 'EventsNode' };
  if (node.event) runnable.event = node.event;
  if (node.name) runnable.name = node.name;
  if (node.custom_name) runnable.custom_name = node.custom_name;
  if (withMath && node.math) {
    if (!(RUNNABLE_MATHS as readonly string[]).includes(node.math)) return null;
    runnable.math = node.math as RunnableEventsNode['math'];
    if (node.math_property) runnable.math_property = node.math_property;
  }
  if (Array.isArray(node.properties)) runnable.properties = withoutNulls(node.properties) as RunnablePropertyFilter[];
  return runnable;
}

/** Every series of a stored query as runnable nodes, or null when one of them cannot be expressed. */
export function runnableSeries(nodes: StoredSeriesNode[], withMath: boolean): RunnableEventsNode[] | null {
  const series = nodes.map((node) => runnableSeriesNode(node, withMath));
  return series.every((node) => node !== null) && series.length > 0 ? (series as RunnableEventsNode[]) : null;
}

/** A series node as a retention entity; null for "all events", which a retention entity id cannot say. */
export function retentionEntityOf(node: RunnableEventsNode): RunnableRetentionEntity | null {
  if (!node.event) return null;
  const entity: RunnableRetentionEntity = { id: node.event, type: 'events' };
  if (node.name) entity.name = node.name;
  if (node.custom_name) entity.custom_name = node.custom_name;
  if (node.properties) entity.properties = node.properties;
  return entity;
}

/** A stored retention entity as an events node (default `$pageview`, as PostHog's retention default); null for actions. */
export function seriesNodeOfRetentionEntity(
  entity: StoredRetentionEntity | null | undefined,
): RunnableEventsNode | null {
  if (!entity) return { kind: 'EventsNode', event: '$pageview' };
  const isAction = entity.type === 'actions' || entity.kind === 'ActionsNode';
  if (isAction || typeof entity.id !== 'string' || entity.id === '') return null;
  const node: RunnableEventsNode = { kind: 'EventsNode', event: entity.id };
  if (entity.name) node.name = entity.name;
  if (entity.custom_name) node.custom_name = entity.custom_name;
  if (Array.isArray(entity.properties)) node.properties = withoutNulls(entity.properties) as RunnablePropertyFilter[];
  return node;
}

/** The interval when it is one the engine runs, else nothing (the engine's default `day` applies). */
export function runnableInterval(interval: string | null | undefined): { interval?: RunnableInterval } {
  const parsed = RunnableInterval.safeParse(interval);
  return parsed.success ? { interval: parsed.data } : {};
}

/** A stored breakdown as a runnable one: a single event or person property. */
export function runnableBreakdown(
  breakdownFilter: unknown,
): { breakdown: string; breakdown_type: 'event' | 'person' } | null {
  if (!breakdownFilter || typeof breakdownFilter !== 'object') return null;
  const { breakdown, breakdown_type: type, breakdowns } = breakdownFilter as Record<string, unknown>;
  if (Array.isArray(breakdowns) && breakdowns.length > 0) return null;
  if (typeof breakdown !== 'string' || breakdown === '') return null;
  const breakdownType = type ?? 'event';
  return breakdownType === 'event' || breakdownType === 'person' ? { breakdown, breakdown_type: breakdownType } : null;
}

export function insightViz(source: RunnableInsightSource): RunnableInsightVizNode {
  return { kind: 'InsightVizNode', source };
}

/** The display name of a runnable node in titles: custom name, event, or "any event". */
export function nodeLabel(node: RunnableEventsNode): string {
  return node.custom_name ?? node.event ?? 'any event';
}

/** Without the caller's list, `$browser` is the one default, and only when the query already filters on it. */
const DEFAULT_BREAKDOWN = '$browser';

/**
 * The event property worth breaking down by: the first of `commonEventProperties` (most frequent first) that the
 * query does not already pin to a single value with an `exact` filter. Without that list, `$browser` when the query
 * filters on it without pinning it (no property is invented). Null otherwise, and the rule that needs it is skipped.
 */
export function breakdownCandidate(
  commonEventProperties: readonly string[] | undefined,
  filters: unknown[],
): string | null {
  const pinned = new Set<string>();
  const referenced = new Set<string>();
  for (const filter of filters.flatMap(propertyFiltersIn)) {
    const { key, operator, value } = filter;
    if (typeof key !== 'string') continue;
    referenced.add(key);
    const single = !Array.isArray(value) || value.length === 1;
    if ((operator ?? 'exact') === 'exact' && single) pinned.add(key);
  }
  const candidates = commonEventProperties ?? (referenced.has(DEFAULT_BREAKDOWN) ? [DEFAULT_BREAKDOWN] : []);
  return candidates.find((property) => property.length > 0 && !pinned.has(property)) ?? null;
}

/** The leaf property filters of a filter list or a (nested) property group. */
function propertyFiltersIn(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap(propertyFiltersIn);
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return Array.isArray(record.values) && !('key' in record) ? propertyFiltersIn(record.values) : [record];
}
