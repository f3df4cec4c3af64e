import { validationError } from '../errors.js';
import type { BreakdownFilter } from '../schema/breakdown-filter.js';

/** One breakdown dimension the engine can compute: an event or person property. */
export interface BreakdownDimension {
  property: string;
  type: 'event' | 'person';
  normalizeUrl: boolean;
}

/** The breakdown dimensions of a filter (empty when there is no breakdown), refusing the unsupported kinds. */
export function breakdownDimensions(filter: BreakdownFilter | null | undefined, options: { multiple: boolean }) {
  if (!filter) return [];
  const dimensions: BreakdownDimension[] = [];
  if (filter.breakdowns && filter.breakdowns.length > 0) {
    if (filter.breakdown !== null && filter.breakdown !== undefined) {
      throw validationError('Send either breakdown or breakdowns, not both.', 'breakdownFilter__breakdowns');
    }
    if (!options.multiple)
      throw validationError('Multiple breakdowns are not supported here.', 'breakdownFilter__breakdowns');
    filter.breakdowns.forEach((item, index) => {
      dimensions.push(
        checkDimension(item.property, item.type ?? 'event', `breakdownFilter__breakdowns__${index}`, {
          normalizeUrl: Boolean(item.normalize_url),
          histogram: item.histogram_bin_count,
          groupTypeIndex: item.group_type_index,
        }),
      );
    });
    return dimensions;
  }
  if (filter.breakdown === null || filter.breakdown === undefined) return [];
  dimensions.push(
    checkDimension(filter.breakdown, filter.breakdown_type ?? 'event', 'breakdownFilter', {
      normalizeUrl: Boolean(filter.breakdown_normalize_url),
      histogram: filter.breakdown_histogram_bin_count,
      groupTypeIndex: filter.breakdown_group_type_index,
    }),
  );
  return dimensions;
}

function checkDimension(
  property: string | number | Array<string | number>,
  type: string,
  attr: string,
  options: { normalizeUrl: boolean; histogram: number | null | undefined; groupTypeIndex: number | null | undefined },
): BreakdownDimension {
  if (type !== 'event' && type !== 'person') {
    throw validationError(`Breakdowns of type '${type}' are not supported.`, `${attr}__breakdown_type`);
  }
  if (typeof property !== 'string') {
    throw validationError('A property breakdown must name one property.', `${attr}__breakdown`);
  }
  if (options.histogram !== null && options.histogram !== undefined) {
    throw validationError('Histogram breakdowns are not supported.', `${attr}__breakdown_histogram_bin_count`);
  }
  return { property, type, normalizeUrl: options.normalizeUrl };
}

export const DEFAULT_BREAKDOWN_LIMIT = 25;
