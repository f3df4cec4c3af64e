import { validationError } from '../errors.js';
import type { EventsNode, MathType, SeriesNode } from '../schema/series.js';
import { checkPropertyFilters } from './property-filters.js';

/** The maths that aggregate a numeric property, and so need `math_property`. */
export const PROPERTY_MATH_TYPES = [
  'avg',
  'sum',
  'min',
  'max',
  'median',
  'p75',
  'p90',
  'p95',
  'p99',
] as const satisfies readonly MathType[];
export const PROPERTY_MATHS = new Set<MathType>(PROPERTY_MATH_TYPES);

/** The maths of §1.2 that trends computes. */
export const SUPPORTED_TRENDS_MATHS = [
  'total',
  'dau',
  'weekly_active',
  'monthly_active',
  'unique_session',
  ...PROPERTY_MATH_TYPES,
  'avg_count_per_actor',
  'min_count_per_actor',
  'max_count_per_actor',
  'median_count_per_actor',
  'p75_count_per_actor',
  'p90_count_per_actor',
  'p95_count_per_actor',
  'p99_count_per_actor',
] as const satisfies readonly MathType[];
export const TRENDS_MATHS = new Set<MathType>(SUPPORTED_TRENDS_MATHS);

/**
 * Only event series run: actions need an actions store (there is none, so any action id does not exist), warehouse
 * and group nodes need sources the engine does not have.
 */
export function checkEventsNode(node: SeriesNode, attr: string): EventsNode {
  switch (node.kind) {
    case 'EventsNode':
      break;
    case 'ActionsNode':
      throw validationError(`Action ${node.id} does not exist.`, `${attr}__id`);
    case 'DataWarehouseNode':
      throw validationError('Data warehouse series are not supported.', `${attr}__kind`);
    case 'GroupNode':
      throw validationError('Series groups (GroupNode) are not supported.', `${attr}__kind`);
  }
  checkPropertyFilters(node.properties, `${attr}__properties`);
  checkPropertyFilters(node.fixedProperties, `${attr}__fixedProperties`);
  if (node.math_group_type_index !== null && node.math_group_type_index !== undefined && node.math === 'unique_group') {
    throw validationError('Group analytics (unique_group) is not supported.', `${attr}__math`);
  }
  return node;
}

export function checkSeriesMath(node: EventsNode, attr: string, supported: ReadonlySet<MathType>): void {
  const math = node.math ?? 'total';
  if (math === 'hogql') throw validationError('HogQL math (math_hogql) is not supported.', `${attr}__math`);
  if (math === 'unique_group')
    throw validationError('Group analytics (unique_group) is not supported.', `${attr}__math`);
  if (!supported.has(math)) throw validationError(`The math '${math}' is not supported.`, `${attr}__math`);
  if (PROPERTY_MATHS.has(math)) {
    if (!node.math_property)
      throw validationError(`The math '${math}' needs a math_property.`, `${attr}__math_property`);
    if (node.math_property === '$session_duration') {
      throw validationError('Session properties ($session_duration) are not supported.', `${attr}__math_property`);
    }
    const type = node.math_property_type ?? 'event_properties';
    if (type !== 'event_properties' && type !== 'person_properties') {
      throw validationError(`math_property_type '${type}' is not supported.`, `${attr}__math_property_type`);
    }
  }
}
