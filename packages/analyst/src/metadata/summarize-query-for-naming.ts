import {
  type StoredInsightSource,
  type StoredSeriesNode,
  sourceBreakdownFilter,
  sourceSeries,
} from '../query/stored-insight-query.js';
import { mathLabel } from './math-labels.js';
import type {
  ActorsQuery,
  EventsQuery,
  GroupsQuery,
  InsightActorsSource,
  MetadataQuery,
  StoredPropertyFilter,
} from './metadata-query.js';

/*
 * The compact summary of a query that the naming prompt carries (§9 step 3): only what matters for a name, one
 * `Label: value` line each. Group types are named `group type N`: we keep no group type names.
 */

/** `custom_name | event | name | Action #id | All events`, then `(math label)` and `of math_property`. */
export function summarizeSeriesItem(node: StoredSeriesNode): string {
  const parts = [node.custom_name || node.event || node.name || (node.id ? `Action #${node.id}` : 'All events')];
  if (node.math) {
    parts.push(`(${mathLabel(node.math)})`);
    if (node.math_property) parts.push(`of ${node.math_property}`);
  }
  return parts.join(' ');
}

function entityName(
  entity: { custom_name?: string | null; name?: string | null; id?: string | number | null } | null | undefined,
) {
  return entity?.custom_name || entity?.name || entity?.id || 'event';
}

export function summarizeInsightSource(source: StoredInsightSource): string {
  const lines = [`Type: ${source.kind}`];
  const series = sourceSeries(source);
  if (series.length > 0) {
    const items = series.map(summarizeSeriesItem);
    lines.push(source.kind === 'FunnelsQuery' ? `Funnel steps: ${items.join(' → ')}` : `Series: ${items.join(', ')}`);
  }
  if ('interval' in source && source.interval) lines.push(`Interval: ${source.interval}`);
  const breakdownFilter = sourceBreakdownFilter(source);
  if (breakdownFilter) {
    const { breakdown, breakdowns } = breakdownFilter;
    if (breakdown !== null && breakdown !== undefined && breakdown !== '')
      lines.push(`Breakdown: ${String(breakdown)}`);
    if (breakdowns?.length) lines.push(`Breakdowns: ${breakdowns.map((item) => String(item.property)).join(', ')}`);
  }
  if (source.kind === 'RetentionQuery') {
    const filter = source.retentionFilter;
    if (filter.returningEntity) lines.push(`Returning event: ${entityName(filter.returningEntity)}`);
    if (filter.targetEntity) lines.push(`Target event: ${entityName(filter.targetEntity)}`);
    if (filter.period) lines.push(`Period: ${filter.period}`);
  }
  if (source.kind === 'PathsQuery' && source.pathsFilter) {
    const filter = source.pathsFilter;
    if (filter.includeEventTypes?.length) lines.push(`Path type: ${filter.includeEventTypes.join(', ')}`);
    if (filter.startPoint) lines.push(`Start point: ${filter.startPoint}`);
    if (filter.endPoint) lines.push(`End point: ${filter.endPoint}`);
  }
  if (source.aggregation_group_type_index !== null && source.aggregation_group_type_index !== undefined) {
    lines.push(`Aggregating by: group type ${source.aggregation_group_type_index}`);
  }
  return lines.join('\n');
}

/** The insight source an actors query lists, narrowed to its selected series when it selects one. */
export function narrowedActorsInsight(actors: InsightActorsSource): StoredInsightSource {
  const inner = actors.source;
  const index = actors.series;
  const selected = index === null || index === undefined ? undefined : sourceSeries(inner)[index];
  return selected && 'series' in inner ? ({ ...inner, series: [selected] } as StoredInsightSource) : inner;
}

/** `persons`, `sessions` or the group type the actors are. */
export function actorType(actors: InsightActorsSource, inner: StoredInsightSource): string {
  if (inner.aggregation_group_type_index !== null && inner.aggregation_group_type_index !== undefined) {
    return `group type ${inner.aggregation_group_type_index}`;
  }
  const aggregateBy =
    inner.kind === 'FunnelsQuery'
      ? (inner.funnelsFilter as Record<string, unknown> | null | undefined)?.funnelAggregateByHogQL
      : null;
  if (typeof aggregateBy === 'string' && aggregateBy.includes('session_id')) return 'sessions';
  const series = sourceSeries(inner);
  if (series.length > 0) {
    const index = actors.series;
    const selected = (index !== null && index !== undefined ? series[index] : undefined) ?? series[0];
    if (selected?.math === 'unique_session') return 'sessions';
  }
  return 'persons';
}

function summarizeActorsContext(actors: InsightActorsSource, inner: StoredInsightSource): string {
  const lines = [`Actor type: ${actorType(actors, inner)}`];
  if (actors.kind === 'InsightActorsQuery' && actors.status) lines.push(`Lifecycle status: ${actors.status}`);
  if (actors.kind === 'FunnelsActorsQuery' && actors.funnelStep !== null && actors.funnelStep !== undefined) {
    const step = actors.funnelStep;
    const node = sourceSeries(inner)[Math.abs(step) - 1];
    const label = `step ${Math.abs(step)}${node ? ` (${summarizeSeriesItem(node)})` : ''}`;
    lines.push(step > 0 ? `Converted at ${label}` : `Dropped off at ${label}`);
  }
  if (actors.day !== null && actors.day !== undefined && inner.kind === 'StickinessQuery') {
    lines.push(`Stickiness bucket: ${actors.day} days`);
  }
  const breakdownValue = actors.breakdown ?? actors.funnelStepBreakdown;
  if (breakdownValue !== null && breakdownValue !== undefined && breakdownValue !== '') {
    const property = sourceBreakdownFilter(inner)?.breakdown;
    lines.push(
      property
        ? `Filtered to breakdown ${String(property)} = ${formatValue(breakdownValue)}`
        : `Filtered to breakdown value: ${formatValue(breakdownValue)}`,
    );
  }
  return lines.join('\n');
}

function formatValue(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value);
}

/** `key operator value`, or `in cohort 'name'` for cohorts (empty when the cohort has no name). */
export function summarizePropertyFilter(filter: StoredPropertyFilter): string {
  if (filter.type === 'cohort') return filter.cohort_name ? `in cohort '${filter.cohort_name}'` : '';
  const key = filter.key ?? 'unknown';
  const operator = filter.operator || 'exact';
  return filter.value === null || filter.value === undefined
    ? `${key} ${operator}`
    : `${key} ${operator} ${formatValue(filter.value)}`;
}

function propertyLine(filters: StoredPropertyFilter[]): string | null {
  return filters.length > 0 ? `Property filters: ${filters.map(summarizePropertyFilter).join(', ')}` : null;
}

function summarizeActorsQuery(query: ActorsQuery): string {
  const source = query.source;
  if (source && 'source' in source && typeof source.source === 'object') {
    const actors = source as InsightActorsSource;
    const inner = narrowedActorsInsight(actors);
    return `Actors view for:\n${summarizeInsightSource(inner)}\n${summarizeActorsContext(actors, inner)}`;
  }
  const lines = ['Type: ActorsQuery (person list)'];
  if (query.search) lines.push(`Search: ${query.search}`);
  const properties = propertyLine(query.properties ?? []);
  if (properties) lines.push(properties);
  return lines.join('\n');
}

function summarizeEventsQuery(query: EventsQuery): string {
  const lines = ['Type: EventsQuery'];
  if (query.event) lines.push(`Event: ${query.event}`);
  else if (query.events?.length) lines.push(`Events: ${query.events.join(', ')}`);
  else lines.push('Event: All events');
  const properties = propertyLine([...(query.properties ?? []), ...(query.fixedProperties ?? [])]);
  if (properties) lines.push(properties);
  if (query.where?.length) lines.push(`HogQL filters: ${query.where.join(', ')}`);
  const time = [query.after ? `after ${query.after}` : null, query.before ? `before ${query.before}` : null].filter(
    Boolean,
  );
  if (time.length > 0) lines.push(`Time range: ${time.join(' ')}`);
  return lines.join('\n');
}

function summarizeGroupsQuery(query: GroupsQuery): string {
  const lines = ['Type: GroupsQuery', `Group type: group type ${query.group_type_index}`];
  const properties = propertyLine(query.properties ?? []);
  if (properties) lines.push(properties);
  if (query.search) lines.push(`Search: ${query.search}`);
  return lines.join('\n');
}

export function summarizeQueryForNaming(query: MetadataQuery): string {
  switch (query.kind) {
    case 'ActorsQuery':
      return summarizeActorsQuery(query);
    case 'EventsQuery':
      return summarizeEventsQuery(query);
    case 'GroupsQuery':
      return summarizeGroupsQuery(query);
    default:
      return summarizeInsightSource(query.source);
  }
}
