import { validationError } from '../errors.js';
import { parseFormula } from '../formulas/formula.js';
import { formulaNodesOf } from '../formulas/formula-nodes.js';
import type { FunnelsQuery } from '../schema/funnels-query.js';
import type { InsightQuery } from '../schema/insight-query.js';
import type { LifecycleQuery } from '../schema/lifecycle-query.js';
import type { RetentionEntity, RetentionQuery } from '../schema/retention-query.js';
import type { StickinessQuery } from '../schema/stickiness-query.js';
import type { TrendsQuery } from '../schema/trends-query.js';
import { breakdownDimensions } from './breakdown.js';
import { checkPropertyFilters } from './property-filters.js';
import { checkEventsNode, checkSeriesMath, TRENDS_MATHS } from './series.js';

const UNSUPPORTED_DISPLAYS = new Set(['CalendarHeatmap', 'TwoDimensionalHeatmap', 'BoxPlot', 'SlopeGraph']);

function checkCommon(query: InsightQuery): void {
  if ('aggregation_group_type_index' in query && query.aggregation_group_type_index != null) {
    throw validationError(
      'Group analytics (aggregation_group_type_index) is not supported.',
      'aggregation_group_type_index',
    );
  }
  checkPropertyFilters(query.properties, 'properties');
  if ('interval' in query && query.interval === 'second') {
    throw validationError("The interval 'second' is not supported.", 'interval');
  }
}

function checkBreakdownLimit(query: { breakdownFilter?: { breakdown_limit?: number | null } | null }): void {
  const limit = query.breakdownFilter?.breakdown_limit;
  if (limit !== null && limit !== undefined && limit < 1) {
    throw validationError('breakdown_limit must be a positive integer.', 'breakdownFilter__breakdown_limit');
  }
}

function checkTrends(query: TrendsQuery): void {
  query.series.forEach((node, index) => {
    const events = checkEventsNode(node, `series__${index}`);
    checkSeriesMath(events, `series__${index}`, TRENDS_MATHS);
  });
  const display = query.trendsFilter?.display;
  if (display && UNSUPPORTED_DISPLAYS.has(display)) {
    throw validationError(`The display '${display}' is not supported.`, 'trendsFilter__display');
  }
  if (query.conversionGoal) throw validationError('Conversion goals are not supported.', 'conversionGoal');
  const smoothing = query.trendsFilter?.smoothingIntervals;
  if (smoothing !== null && smoothing !== undefined && smoothing < 1) {
    throw validationError('smoothingIntervals must be at least 1.', 'trendsFilter__smoothingIntervals');
  }
  formulaNodesOf(query.trendsFilter).forEach((node, index) => {
    parseFormula(node.formula, query.series.length, `trendsFilter__formulaNodes__${index}__formula`);
  });
  breakdownDimensions(query.breakdownFilter, { multiple: true });
  checkBreakdownLimit(query);
}

function checkFunnels(query: FunnelsQuery): void {
  const steps = query.series.length;
  if (steps < 2) throw validationError('Funnels require at least two steps before calculating.', 'series');
  query.series.forEach((node, index) => {
    const events = checkEventsNode(node, `series__${index}`);
    const math = events.math ?? 'total';
    if (math !== 'total')
      throw validationError(`The funnel step math '${math}' is not supported.`, `series__${index}__math`);
    if (events.optionalInFunnel) {
      throw validationError('Optional funnel steps are not supported.', `series__${index}__optionalInFunnel`);
    }
  });
  const filter = query.funnelsFilter;
  if (filter?.exclusions && filter.exclusions.length > 0) {
    throw validationError('Funnel exclusions are not supported.', 'funnelsFilter__exclusions');
  }
  if (filter?.funnelAggregateByHogQL && filter.funnelAggregateByHogQL !== 'person_id') {
    throw validationError(
      'Aggregating funnels by a HogQL expression is not supported.',
      'funnelsFilter__funnelAggregateByHogQL',
    );
  }
  if (filter?.funnelVizType === 'flow') {
    throw validationError("The funnel visualization 'flow' is not supported.", 'funnelsFilter__funnelVizType');
  }
  const attribution = filter?.breakdownAttributionType;
  if (attribution === 'all_events' || attribution === 'step') {
    throw validationError(
      `Breakdown attribution '${attribution}' is not supported.`,
      'funnelsFilter__breakdownAttributionType',
    );
  }
  const viz = filter?.funnelVizType ?? 'steps';
  if (viz !== 'steps' && breakdownDimensions(query.breakdownFilter, { multiple: true }).length > 0) {
    throw validationError(`Breakdowns are not supported with the '${viz}' funnel visualization.`, 'breakdownFilter');
  }
  const from = filter?.funnelFromStep;
  const to = filter?.funnelToStep;
  if (from !== null && from !== undefined && (from < 0 || from > steps - 2)) {
    throw validationError(`funnelFromStep must be between 0 and ${steps - 2}.`, 'funnelsFilter__funnelFromStep');
  }
  if (to !== null && to !== undefined && (to < 1 || to > steps - 1 || to <= (from ?? 0))) {
    throw validationError(
      `funnelToStep must be between 1 and ${steps - 1} and greater than funnelFromStep.`,
      'funnelsFilter__funnelToStep',
    );
  }
  const window = filter?.funnelWindowInterval;
  if (window !== null && window !== undefined && window < 1) {
    throw validationError('funnelWindowInterval must be at least 1.', 'funnelsFilter__funnelWindowInterval');
  }
  breakdownDimensions(query.breakdownFilter, { multiple: true });
  checkBreakdownLimit(query);
}

function checkRetentionEntity(entity: RetentionEntity | null | undefined, attr: string): void {
  if (!entity) return;
  if (entity.type === 'actions' || entity.kind === 'ActionsNode') {
    throw validationError(`Action ${String(entity.id)} does not exist.`, `${attr}__id`);
  }
  if (entity.id !== null && entity.id !== undefined && typeof entity.id !== 'string') {
    throw validationError('An event entity id must be an event name.', `${attr}__id`);
  }
  checkPropertyFilters(entity.properties, `${attr}__properties`);
}

function checkRetention(query: RetentionQuery): void {
  const filter = query.retentionFilter;
  checkRetentionEntity(filter.targetEntity, 'retentionFilter__targetEntity');
  checkRetentionEntity(filter.returningEntity, 'retentionFilter__returningEntity');
  if (filter.timeWindowMode === '24_hour_windows') {
    throw validationError("timeWindowMode '24_hour_windows' is not supported.", 'retentionFilter__timeWindowMode');
  }
  const total = filter.totalIntervals;
  if (total !== null && total !== undefined && (total < 1 || total > 1000)) {
    throw validationError('totalIntervals must be between 1 and 1000.', 'retentionFilter__totalIntervals');
  }
  const minimum = filter.minimumOccurrences;
  if (minimum !== null && minimum !== undefined && minimum < 1) {
    throw validationError('minimumOccurrences must be at least 1.', 'retentionFilter__minimumOccurrences');
  }
  breakdownDimensions(query.breakdownFilter, { multiple: false });
  checkBreakdownLimit(query);
}

function checkStickiness(query: StickinessQuery): void {
  query.series.forEach((node, index) => {
    const events = checkEventsNode(node, `series__${index}`);
    if (events.math === 'hogql')
      throw validationError('HogQL math (math_hogql) is not supported.', `series__${index}__math`);
    if (events.math === 'unique_group') {
      throw validationError('Group analytics (unique_group) is not supported.', `series__${index}__math`);
    }
  });
  if (query.intervalCount !== null && query.intervalCount !== undefined && query.intervalCount !== 1) {
    throw validationError('intervalCount other than 1 is not supported.', 'intervalCount');
  }
}

function checkLifecycle(query: LifecycleQuery): void {
  if (query.series.length !== 1) throw validationError('Lifecycle queries need exactly one series.', 'series');
  checkEventsNode(query.series[0]!, 'series__0');
}

/** Refuses valid queries the engine cannot compute exactly, naming the field; returns the query unchanged. */
export function checkQuerySupported(query: InsightQuery): InsightQuery {
  checkCommon(query);
  switch (query.kind) {
    case 'TrendsQuery':
      checkTrends(query);
      break;
    case 'FunnelsQuery':
      checkFunnels(query);
      break;
    case 'RetentionQuery':
      checkRetention(query);
      break;
    case 'StickinessQuery':
      checkStickiness(query);
      break;
    case 'LifecycleQuery':
      checkLifecycle(query);
      break;
  }
  return query;
}
