import { breakdownDimension } from '../analyze/breakdown-value.js';
import {
  type StoredInsightSource,
  type StoredRetentionEntity,
  type StoredSeriesNode,
  sourceBreakdownFilter,
  sourceSeries,
} from '../query/stored-insight-query.js';
import { joinList } from '../text/join-list.js';
import { pluralNoun } from '../text/pluralize.js';
import { mathLabel } from './math-labels.js';
import type {
  ActorsQuery,
  EventsQuery,
  GroupsQuery,
  InsightActorsSource,
  MetadataQuery,
  StoredPropertyFilter,
} from './metadata-query.js';
import { timeBeforeWords, timeSinceWords } from './relative-date-words.js';
import { actorType, narrowedActorsInsight } from './summarize-query-for-naming.js';

/*
 * The built-in description: one plain sentence saying what the insight measures. Event and property names stay as
 * they are in the data (`$pageview`, `$browser`), because that is what a reader searches for.
 */

const TOTAL_VALUE_DISPLAYS = new Set(['BoldNumber', 'ActionsPie', 'ActionsBarValue', 'ActionsTable', 'WorldMap']);

function eventOf(node: StoredSeriesNode | undefined): string {
  if (!node) return 'any event';
  if (node.kind === 'EventsNode') return node.event ?? 'any event';
  return `action ${node.name || node.id || ''}`.trim();
}

/** What one trend series counts, in words: `$pageview events`, `unique users doing $pageview`, `the sum of amount on purchase events`. */
function measuredPhrase(node: StoredSeriesNode): string {
  const event = eventOf(node);
  const events = node.kind === 'EventsNode' && !node.event ? 'all events' : `${event} events`;
  const property = node.math_property ?? 'a property';
  switch (node.math ?? 'total') {
    case 'total':
      return events;
    case 'dau':
      return `unique users doing ${event}`;
    case 'weekly_active':
      return `weekly active users doing ${event}`;
    case 'monthly_active':
      return `monthly active users doing ${event}`;
    case 'unique_session':
      return `unique sessions with ${event}`;
    case 'unique_group':
      return `unique groups doing ${event}`;
    case 'first_time_for_user':
    case 'first_matching_event_for_user':
      return `users doing ${event} for the first time`;
    case 'sum':
      return `the sum of ${property} on ${events}`;
    case 'hogql':
      return `a custom expression over ${events}`;
    default: {
      const label = mathLabel(node.math!);
      return node.math!.endsWith('_per_actor')
        ? `the ${label} of ${events}`
        : `the ${label} of ${property} on ${events}`;
    }
  }
}

function breakdownClause(source: StoredInsightSource): string {
  const dimension = breakdownDimension(sourceBreakdownFilter(source));
  return dimension ? `, broken down by ${dimension}` : '';
}

function entityEvent(entity: StoredRetentionEntity | null | undefined): string {
  if (!entity) return '$pageview';
  const id = entity.id;
  if (entity.type === 'actions' || entity.kind === 'ActionsNode') return `action ${entity.name || id || ''}`.trim();
  return typeof id === 'string' && id !== '' ? id : entity.name || 'any event';
}

function describeInsight(source: StoredInsightSource): string {
  const interval = 'interval' in source && typeof source.interval === 'string' ? source.interval : 'day';
  switch (source.kind) {
    case 'TrendsQuery': {
      const measured = source.series.length > 0 ? joinList(source.series.map(measuredPhrase)) : 'events';
      const when = TOTAL_VALUE_DISPLAYS.has(source.trendsFilter?.display ?? '')
        ? 'over the selected date range'
        : `per ${interval}`;
      const compare = source.compareFilter?.compare ? ', compared with the previous period' : '';
      return `Tracks ${measured} ${when}${breakdownClause(source)}${compare}.`;
    }
    case 'FunnelsQuery': {
      const steps = source.series.map((node) => node.custom_name || eventOf(node));
      const route = `from ${steps.join(' to ')}`;
      const filter = source.funnelsFilter;
      if (filter?.funnelVizType === 'trends')
        return `Shows how the conversion rate ${route} changes over time${breakdownClause(source)}.`;
      if (filter?.funnelVizType === 'time_to_convert')
        return `Shows how long users take to get ${route}${breakdownClause(source)}.`;
      const order =
        filter?.funnelOrderType === 'unordered'
          ? ' in any order'
          : filter?.funnelOrderType === 'strict'
            ? ' with no other events in between'
            : ', in that order';
      const window = filter?.funnelWindowInterval ?? 14;
      const unit = filter?.funnelWindowIntervalUnit ?? 'day';
      return `Shows how many users go ${route}${order}, within ${window} ${window === 1 ? unit : pluralNoun(unit)}${breakdownClause(source)}.`;
    }
    case 'RetentionQuery': {
      const filter = source.retentionFilter;
      const target = entityEvent(filter.targetEntity);
      const returning = entityEvent(filter.returningEntity);
      const again = target === returning ? 'do it again' : `do ${returning}`;
      const period = (filter.period ?? 'Day').toLowerCase();
      return `Shows how many users who did ${target} come back to ${again} in each following ${period}${breakdownClause(source)}.`;
    }
    case 'StickinessQuery':
      return `Shows on how many ${pluralNoun(interval)} in the range users did ${joinList(source.series.map(eventOf))}.`;
    case 'LifecycleQuery':
      return `Splits the users doing ${eventOf(source.series[0])} into new, returning, resurrecting and dormant, ${interval} by ${interval}.`;
    case 'PathsQuery': {
      const filter = source.pathsFilter;
      const from = filter?.startPoint ? ` from ${filter.startPoint}` : '';
      const to = filter?.endPoint ? ` to ${filter.endPoint}` : '';
      const types = filter?.includeEventTypes?.length ? ` through ${joinList(filter.includeEventTypes)}` : '';
      return `Shows the paths users take${from}${to}${types}.`;
    }
  }
}

function filterWords(filter: StoredPropertyFilter): string | null {
  if (filter.type === 'cohort') return filter.cohort_name ? `the person is in cohort ${filter.cohort_name}` : null;
  if (filter.key === null || filter.key === undefined) return null;
  const value = Array.isArray(filter.value) ? filter.value.join(' or ') : filter.value;
  const operator = filter.operator ?? 'exact';
  if (operator === 'exact') return `${filter.key} is ${String(value)}`;
  if (operator === 'is_set' || operator === 'is_not_set')
    return `${filter.key} ${operator === 'is_set' ? 'is set' : 'is not set'}`;
  return `${filter.key} ${operator.replaceAll('_', ' ')} ${String(value)}`;
}

function whereClause(filters: StoredPropertyFilter[]): string {
  const words = filters.map(filterWords).filter((text): text is string => text !== null);
  return words.length > 0 ? ` where ${words.join(' and ')}` : '';
}

function describeEvents(query: EventsQuery): string {
  const events = query.event
    ? `${query.event} events`
    : query.events?.length
      ? `${joinList(query.events)} events`
      : 'all events';
  const time = [timeSinceWords(query.after), timeBeforeWords(query.before)].filter(Boolean).join(' ');
  const filters = whereClause([...(query.properties ?? []), ...(query.fixedProperties ?? [])]);
  return `Lists ${events}${time ? ` ${time}` : ''}${filters}.`;
}

function describeActors(query: ActorsQuery): string {
  const source = query.source;
  if (!source || !('source' in source) || typeof source.source !== 'object') {
    const search = query.search ? ` matching "${query.search}"` : '';
    return `Lists persons${search}${whereClause(query.properties ?? [])}.`;
  }
  const actors = source as InsightActorsSource;
  const inner = narrowedActorsInsight(actors);
  const type = actorType(actors, inner);
  const series = sourceSeries(inner);
  const event = series.length > 0 ? joinList(series.map(eventOf)) : 'the insight';
  let what = `did ${event}`;
  if (actors.kind === 'InsightActorsQuery' && actors.status) what = `were ${actors.status} users of ${event}`;
  if (actors.kind === 'FunnelsActorsQuery' && actors.funnelStep !== null && actors.funnelStep !== undefined) {
    const step = Math.abs(actors.funnelStep);
    const stepEvent = series[step - 1] ? ` (${eventOf(series[step - 1])})` : '';
    what =
      actors.funnelStep > 0
        ? `reached step ${step}${stepEvent} of the funnel`
        : `dropped off at step ${step}${stepEvent} of the funnel`;
  }
  if (actors.kind === 'StickinessActorsQuery' && actors.day !== null && actors.day !== undefined) {
    const interval = 'interval' in inner && typeof inner.interval === 'string' ? inner.interval : 'day';
    what = `did ${event} on ${actors.day} ${String(actors.day) === '1' ? interval : pluralNoun(interval)}`;
  }
  const value = actors.breakdown ?? actors.funnelStepBreakdown;
  const property = breakdownDimension(sourceBreakdownFilter(inner));
  const breakdown =
    value !== null && value !== undefined && value !== ''
      ? `, with ${property ?? 'the breakdown'} = ${Array.isArray(value) ? value.join(', ') : String(value)}`
      : '';
  return `Lists the ${type} who ${what}${breakdown}.`;
}

function describeGroups(query: GroupsQuery): string {
  const search = query.search ? ` matching "${query.search}"` : '';
  return `Lists groups of type ${query.group_type_index}${search}${whereClause(query.properties ?? [])}.`;
}

export function describeQuery(query: MetadataQuery): string {
  switch (query.kind) {
    case 'ActorsQuery':
      return describeActors(query);
    case 'EventsQuery':
      return describeEvents(query);
    case 'GroupsQuery':
      return describeGroups(query);
    default:
      return describeInsight(query.source);
  }
}
