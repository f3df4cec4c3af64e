import { breakdownDimension } from '../analyze/breakdown-value.js';
import {
  type StoredBreakdownFilter,
  type StoredInsightSource,
  type StoredRetentionEntity,
  type StoredSeriesNode,
  sourceBreakdownFilter,
  sourceSeries,
} from '../query/stored-insight-query.js';
import { eventPluralNoun, humanizeIdentifier } from '../text/humanize-identifier.js';
import { joinList } from '../text/join-list.js';
import { countWords, titleCase } from '../text/title-case.js';
import { mathLabel } from './math-labels.js';
import type { ActorsQuery, EventsQuery, GroupsQuery, InsightActorsSource, MetadataQuery } from './metadata-query.js';
import { timeBeforeWords, timeSinceWords } from './relative-date-words.js';
import { actorType, narrowedActorsInsight } from './summarize-query-for-naming.js';

/*
 * The built-in insight name (§9's naming rules, applied by rule): Title Case, 3–12 words, humanised event and property
 * names, math named when it is not the default total, "by <dimension>" only with a breakdown. Every input that changes
 * what is measured (kind, event, math, breakdown, interval, compare) changes a word of the name.
 */

const MIN_WORDS = 3;
const MAX_WORDS = 12;
const TOTAL_VALUE_DISPLAYS = new Set(['BoldNumber', 'ActionsPie', 'ActionsBarValue', 'ActionsTable', 'WorldMap']);
const INTERVAL_ADJECTIVES: Record<string, string> = {
  second: 'Per-Second',
  minute: 'Per-Minute',
  hour: 'Hourly',
  day: 'Daily',
  week: 'Weekly',
  month: 'Monthly',
};
const PERIOD_ADJECTIVES: Record<string, string> = { Hour: 'Hourly', Day: 'Daily', Week: 'Weekly', Month: 'Monthly' };
const PATH_TYPE_LABELS: Record<string, string> = {
  $pageview: 'Page',
  $screen: 'Screen',
  custom_event: 'Event',
  hogql: 'Custom',
};

/** A series as a noun in the singular (`Pageview`, `Signed Up`, a custom name as written). */
function singularName(node: StoredSeriesNode | undefined): string {
  if (!node) return 'Events';
  if (node.custom_name) return node.custom_name;
  if (node.kind === 'EventsNode') return node.event ? humanizeIdentifier(node.event) : 'All Events';
  return node.name || (node.id !== null && node.id !== undefined ? `Action ${node.id}` : 'All Events');
}

/** A series as what a trend counts: the plural event for total, else the event followed by its math label. */
function countedName(node: StoredSeriesNode): string {
  const math = node.math ?? 'total';
  if (math === 'total') {
    if (node.custom_name || node.kind !== 'EventsNode') return singularName(node);
    return node.event ? eventPluralNoun(node.event) : 'All Events';
  }
  if (!node.math_property) return `${singularName(node)} ${mathLabel(math)}`;
  const property = humanizeIdentifier(node.math_property);
  // "Average Session Duration" reads naturally; a sum reads "Sum of Revenue".
  return math === 'sum'
    ? `${singularName(node)} Sum of ${property}`
    : `${singularName(node)} ${mathLabel(math)} ${property}`;
}

function dimensionWords(breakdownFilter: StoredBreakdownFilter | null): string | null {
  if (!breakdownFilter) return null;
  if (breakdownFilter.breakdowns?.length) {
    return joinList(breakdownFilter.breakdowns.map((item) => humanizeIdentifier(String(item.property)))).replace(
      ', and',
      ' and',
    );
  }
  const dimension = breakdownDimension(breakdownFilter);
  if (!dimension) return null;
  return typeof breakdownFilter.breakdown === 'string' ? humanizeIdentifier(breakdownFilter.breakdown) : 'Cohort';
}

function entityName(entity: StoredRetentionEntity | null | undefined): string {
  if (!entity) return 'Pageview';
  if (entity.custom_name || entity.name) return (entity.custom_name || entity.name)!;
  if (typeof entity.id === 'string' && entity.id !== '') return humanizeIdentifier(entity.id);
  return entity.id !== null && entity.id !== undefined ? `Action ${entity.id}` : 'All Events';
}

function trendsName(source: Extract<StoredInsightSource, { kind: 'TrendsQuery' }>): string {
  const parts = source.series.map(countedName);
  let measured =
    parts.length === 0 ? 'Events' : parts.length <= 6 ? joinList(parts) : `${parts[0]} and Other Key Metrics`;
  const formula = source.trendsFilter?.formulaNodes?.[0]?.custom_name;
  if (formula) measured = formula;
  else if (
    source.trendsFilter?.formulaNodes?.length ||
    source.trendsFilter?.formula ||
    source.trendsFilter?.formulas?.length
  ) {
    measured = `Formula of ${measured}`;
  }
  const display = source.trendsFilter?.display ?? '';
  const interval = source.interval ?? 'day';
  let name: string;
  if (TOTAL_VALUE_DISPLAYS.has(display)) name = `Total ${measured} in Range`;
  else if (display === 'ActionsLineGraphCumulative') name = `Cumulative ${measured} by ${titleCase(interval)}`;
  else name = `${measured} per ${titleCase(interval)}`;
  const dimension = dimensionWords(source.breakdownFilter ?? null);
  if (dimension) name += ` by ${dimension}`;
  if (source.compareFilter?.compare) name += ' vs Previous Period';
  return name;
}

function funnelName(source: Extract<StoredInsightSource, { kind: 'FunnelsQuery' }>): string {
  const steps = source.series.map(singularName);
  const viz = source.funnelsFilter?.funnelVizType;
  const ending = viz === 'trends' ? 'Conversion Trend' : viz === 'time_to_convert' ? 'Time to Convert' : 'Conversion';
  // Long funnels keep only the entry and the exit, as PostHog's naming advice says, and count their steps.
  let name =
    steps.length <= 3
      ? `${steps.join(' → ')} ${ending}`
      : `${steps[0]} → ${steps[steps.length - 1]} ${ending} in ${steps.length} Steps`;
  const dimension = dimensionWords(source.breakdownFilter ?? null);
  if (dimension) name += ` by ${dimension}`;
  return name;
}

function retentionName(source: Extract<StoredInsightSource, { kind: 'RetentionQuery' }>): string {
  const filter = source.retentionFilter;
  const adjective = PERIOD_ADJECTIVES[filter.period ?? 'Day'] ?? 'Daily';
  const target = entityName(filter.targetEntity);
  const returning = entityName(filter.returningEntity);
  let name =
    target === returning ? `${adjective} ${target} Retention` : `${adjective} Retention: ${target} → ${returning}`;
  const dimension = dimensionWords(source.breakdownFilter ?? null);
  if (dimension) name += ` by ${dimension}`;
  return name;
}

function pathsName(source: Extract<StoredInsightSource, { kind: 'PathsQuery' }>): string {
  const filter = source.pathsFilter;
  const types = (filter?.includeEventTypes ?? []).map((type) => PATH_TYPE_LABELS[type] ?? humanizeIdentifier(type));
  let name = types.length > 0 ? `${types.join(' & ')} Paths` : 'All Event Paths';
  if (filter?.startPoint) name += ` from ${pointName(filter.startPoint)}`;
  if (filter?.endPoint) name += ` to ${pointName(filter.endPoint)}`;
  return countWords(name) < MIN_WORDS ? `User ${name}` : name;
}

/** A path point: the last path segment of a URL as a page (`…/project/1/insights` → `Insights Page`), else the event. */
function pointName(point: string): string {
  if (!/^https?:\/\//.test(point) && !point.startsWith('/')) return humanizeIdentifier(point);
  const segments = point
    .replace(/^https?:\/\/[^/]+/, '')
    .split(/[/?#]/)
    .filter((segment) => segment !== '' && !/^\d+$/.test(segment));
  const last = segments[segments.length - 1];
  return last ? `${humanizeIdentifier(last)} Page` : 'Home Page';
}

function insightName(source: StoredInsightSource): string {
  const interval = 'interval' in source && typeof source.interval === 'string' ? source.interval : 'day';
  const adjective = INTERVAL_ADJECTIVES[interval] ?? 'Daily';
  switch (source.kind) {
    case 'TrendsQuery':
      return trendsName(source);
    case 'FunnelsQuery':
      return funnelName(source);
    case 'RetentionQuery':
      return retentionName(source);
    case 'StickinessQuery':
      return `${adjective} ${joinList(source.series.map(singularName))} Stickiness`;
    case 'LifecycleQuery':
      return `${adjective} ${singularName(source.series[0])} Lifecycle`;
    case 'PathsQuery':
      return pathsName(source);
  }
}

function eventsName(query: EventsQuery): string {
  let name = query.event
    ? eventPluralNoun(query.event)
    : query.events?.length
      ? joinList(query.events.map(eventPluralNoun))
      : 'All Captured Events';
  const since = timeSinceWords(query.after);
  const before = timeBeforeWords(query.before);
  if (since) name += ` ${since}`;
  if (before) name += ` ${before}`;
  const filters = [...(query.properties ?? []), ...(query.fixedProperties ?? [])];
  const pinned = filters.find((filter) => (filter.operator ?? 'exact') === 'exact' && isScalar(filter.value));
  if (pinned) name += ` on ${String(pinned.value)}`;
  const cohort = filters.find((filter) => filter.type === 'cohort' && filter.cohort_name);
  if (cohort) name += ` (${cohort.cohort_name})`;
  return countWords(name) < MIN_WORDS ? `Latest ${name}` : name;
}

function isScalar(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

function actorsName(query: ActorsQuery): string {
  const source = query.source;
  if (!source || !('source' in source) || typeof source.source !== 'object') {
    if (query.search) return `Persons Matching "${query.search}"`;
    const first = query.properties?.find((filter) => typeof filter.key === 'string');
    return first ? `Persons Filtered by ${humanizeIdentifier(String(first.key))}` : 'All Known Persons';
  }
  const actors = source as InsightActorsSource;
  const inner = narrowedActorsInsight(actors);
  const type = actorType(actors, inner);
  const who = type.startsWith('group type') ? `Groups of ${titleCase(type)}` : titleCase(type);
  const series = sourceSeries(inner);
  const events = series.length > 0 ? joinList(series.map(pluralOf)) : insightName(inner);
  let name: string;
  if (actors.kind === 'InsightActorsQuery' && actors.status) {
    name = `${titleCase(actors.status)} ${who} on ${events}`;
  } else if (actors.kind === 'FunnelsActorsQuery' && actors.funnelStep !== null && actors.funnelStep !== undefined) {
    const steps = series.map(singularName);
    const route = steps.length > 0 ? `: ${steps[0]} → ${steps[steps.length - 1]}` : '';
    const verb = actors.funnelStep > 0 ? 'Converted at' : 'Dropped Off at';
    name = `${who} Who ${verb} Step ${Math.abs(actors.funnelStep)}${route}`;
  } else if (actors.kind === 'StickinessActorsQuery' && actors.day !== null && actors.day !== undefined) {
    const interval = 'interval' in inner && typeof inner.interval === 'string' ? inner.interval : 'day';
    name = `${who} Doing ${events} on ${actors.day} ${titleCase(interval)}${String(actors.day) === '1' ? '' : 's'}`;
  } else {
    name = type === 'sessions' ? `Sessions with ${events}` : `${who} Who Performed ${events}`;
  }
  const value = actors.breakdown ?? actors.funnelStepBreakdown;
  if (value !== null && value !== undefined && value !== '') {
    name += ` (${Array.isArray(value) ? value.join(', ') : String(value)})`;
  }
  const breakdown = sourceBreakdownFilter(inner);
  return breakdown && value === undefined && dimensionWords(breakdown)
    ? `${name} by ${dimensionWords(breakdown)}`
    : name;
}

function pluralOf(node: StoredSeriesNode): string {
  if (node.custom_name || node.kind !== 'EventsNode') return singularName(node);
  return node.event ? eventPluralNoun(node.event) : 'Any Event';
}

function groupsName(query: GroupsQuery): string {
  let name = `Groups of Type ${query.group_type_index}`;
  if (query.search) name += ` Matching "${query.search}"`;
  const pinned = query.properties?.find((filter) => (filter.operator ?? 'exact') === 'exact' && isScalar(filter.value));
  if (pinned) name += ` on ${String(pinned.value)}`;
  return name;
}

/** Keeps the first twelve words (symbols such as `→` ride along with their neighbours). */
function limitWords(name: string): string {
  const tokens = name.split(' ');
  const kept: string[] = [];
  let words = 0;
  for (const token of tokens) {
    const isWord = countWords(token) > 0;
    if (isWord && words === MAX_WORDS) break;
    if (isWord) words++;
    kept.push(token);
  }
  while (kept.length > 0 && countWords(kept[kept.length - 1]!) === 0) kept.pop();
  return kept.join(' ');
}

export function nameQuery(query: MetadataQuery): string {
  let name: string;
  switch (query.kind) {
    case 'ActorsQuery':
      name = actorsName(query);
      break;
    case 'EventsQuery':
      name = eventsName(query);
      break;
    case 'GroupsQuery':
      name = groupsName(query);
      break;
    default:
      name = insightName(query.source);
  }
  const titled = titleCase(name);
  return limitWords(countWords(titled) < MIN_WORDS ? `${titled} Insight` : titled);
}
