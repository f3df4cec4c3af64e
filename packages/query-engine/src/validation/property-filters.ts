import { validationError } from '../errors.js';
import {
  type AnyPropertyFilter,
  PropertyFilters,
  type PropertyFilters as PropertyFiltersType,
  type PropertyGroupFilterValue,
  type PropertyOperator,
} from '../schema/property-filters.js';

/** The property operators the engine runs (of PostHog's `PropertyOperator`). */
export const SUPPORTED_PROPERTY_OPERATORS = [
  'exact',
  'is_not',
  'icontains',
  'not_icontains',
  'regex',
  'not_regex',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_set',
  'is_not_set',
] as const satisfies readonly PropertyOperator[];
const SUPPORTED_OPERATORS = new Set<string>(SUPPORTED_PROPERTY_OPERATORS);

const VALUELESS_OPERATORS = new Set(['is_set', 'is_not_set']);

function checkFilter(filter: AnyPropertyFilter, attr: string): void {
  if (!('key' in filter)) return;
  const type = filter.type ?? 'event';
  if (type !== 'event' && type !== 'person') {
    throw validationError(`Property filters of type '${type}' are not supported.`, `${attr}__type`);
  }
  if (typeof filter.key !== 'string') throw validationError('Property filter keys must be strings.', `${attr}__key`);
  const operator = filter.operator ?? 'exact';
  if (!SUPPORTED_OPERATORS.has(operator)) {
    throw validationError(`The property filter operator '${operator}' is not supported.`, `${attr}__operator`);
  }
  if (!VALUELESS_OPERATORS.has(operator) && (filter.value === null || filter.value === undefined)) {
    throw validationError(`A value is required for the '${operator}' operator.`, `${attr}__value`);
  }
  if (operator === 'regex' || operator === 'not_regex') {
    for (const pattern of Array.isArray(filter.value) ? filter.value : [filter.value])
      checkPattern(String(pattern), attr);
  }
}

/**
 * Catches malformed patterns before they reach the database (which would only complain once a row has the
 * property). A leading `(?i)`-style flag group is valid for RE2 and PostgreSQL, not for JavaScript: skip it here.
 */
function checkPattern(pattern: string, attr: string): void {
  try {
    new RegExp(pattern.replace(/^\(\?[a-z]+\)/, ''));
  } catch {
    throw validationError(`Invalid regular expression: ${pattern}`, `${attr}__value`);
  }
}

function checkGroup(group: PropertyGroupFilterValue, attr: string): void {
  group.values.forEach((value, index) => {
    if ('values' in value) checkGroup(value as PropertyGroupFilterValue, `${attr}__values__${index}`);
    else checkFilter(value, `${attr}__values__${index}`);
  });
}

/** Refuses filter types and operators the engine cannot evaluate (they would otherwise be silently wrong). */
export function checkPropertyFilters(filters: PropertyFiltersType | null | undefined, attr: string): void {
  if (!filters) return;
  if (Array.isArray(filters)) {
    filters.forEach((filter, index) => {
      checkFilter(filter, `${attr}__${index}`);
    });
    return;
  }
  checkGroup(filters as PropertyGroupFilterValue, attr);
}

/** The project's test-account filters, validated like query filters. */
export function parseTestAccountFilters(filters: unknown[]): PropertyFiltersType {
  const parsed = PropertyFilters.safeParse(filters);
  if (!parsed.success) {
    throw validationError("The project's test account filters are not valid property filters.", 'filterTestAccounts');
  }
  checkPropertyFilters(parsed.data, 'filterTestAccounts');
  return parsed.data;
}
