import { sql } from 'kysely';
import type {
  AnyPropertyFilter,
  PropertyFilter,
  PropertyFilters,
  PropertyGroupFilterValue,
} from '../schema/property-filters.js';
import { and, or, type SqlCondition, type SqlFragment, TRUE, textArrayParam, textParam } from '../sql/fragments.js';
import { filterValueList, filterValueNumber, filterValueText } from './filter-value.js';
import { propertyNumber, propertyText } from './property-values.js';

/** Where a filter's properties live: the event row, and (when joined) the resolved person's row. */
export interface PropertySources {
  event: SqlFragment;
  person: SqlFragment;
}

const NEGATIVE_OPERATORS = new Set(['is_not', 'not_icontains', 'not_regex']);

function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function singleValueCondition(
  text: SqlFragment,
  number: SqlFragment,
  operator: string,
  value: string | number | boolean,
) {
  const asText = filterValueText(value);
  switch (operator) {
    case 'exact':
      return sql<boolean>`(${text} = ${textParam(asText)})`;
    case 'is_not':
      return sql<boolean>`(${text} IS DISTINCT FROM ${textParam(asText)})`;
    case 'icontains':
      return sql<boolean>`(${text} ILIKE ${textParam(likePattern(asText))})`;
    case 'not_icontains':
      return sql<boolean>`(${text} IS NULL OR ${text} NOT ILIKE ${textParam(likePattern(asText))})`;
    case 'regex':
      return sql<boolean>`coalesce(${text} ~ ${textParam(asText)}, FALSE)`;
    case 'not_regex':
      return sql<boolean>`coalesce(${text} !~ ${textParam(asText)}, TRUE)`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const comparator = { gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` }[operator];
      const asNumber = filterValueNumber(value);
      if (asNumber !== null) return sql<boolean>`coalesce(${number} ${comparator} ${asNumber}::float8, FALSE)`;
      return sql<boolean>`coalesce(${text} COLLATE "C" ${comparator} ${textParam(asText)}, FALSE)`;
    }
    default:
      throw new Error(`unsupported operator reached SQL: ${operator}`);
  }
}

function propertyFilterCondition(filter: PropertyFilter, sources: PropertySources): SqlCondition {
  const properties = filter.type === 'person' ? sources.person : sources.event;
  const key = String(filter.key);
  const text = propertyText(properties, key);
  const operator = filter.operator ?? 'exact';
  if (operator === 'is_set') return sql<boolean>`(${text} IS NOT NULL)`;
  if (operator === 'is_not_set') return sql<boolean>`(${text} IS NULL)`;

  const values = filterValueList(filter.value);
  if (values.length === 0) return TRUE;
  if (values.length > 1 && operator === 'exact') {
    return sql<boolean>`coalesce(${text} = ANY(${textArrayParam(values.map(filterValueText))}), FALSE)`;
  }
  if (values.length > 1 && operator === 'is_not') {
    return sql<boolean>`coalesce(${text} <> ALL(${textArrayParam(values.map(filterValueText))}), TRUE)`;
  }
  const number = propertyNumber(properties, key);
  const conditions = values.map((value) => singleValueCondition(text, number, operator, value));
  return NEGATIVE_OPERATORS.has(operator) ? and(conditions) : or(conditions);
}

function isPropertyFilter(filter: AnyPropertyFilter): filter is PropertyFilter {
  return 'key' in filter;
}

function groupCondition(group: PropertyGroupFilterValue, sources: PropertySources): SqlCondition {
  const conditions = group.values.map((value) =>
    'values' in value ? groupCondition(value as PropertyGroupFilterValue, sources) : anyFilterCondition(value, sources),
  );
  return group.type === 'OR' ? (conditions.length === 0 ? TRUE : or(conditions)) : and(conditions);
}

function anyFilterCondition(filter: AnyPropertyFilter, sources: PropertySources): SqlCondition {
  return isPropertyFilter(filter) ? propertyFilterCondition(filter, sources) : TRUE;
}

/** A filter list (AND of all) or a nested `PropertyGroupFilter` as one SQL condition (§1.3). */
export function propertyFiltersCondition(
  filters: PropertyFilters | null | undefined,
  sources: PropertySources,
): SqlCondition {
  if (!filters) return TRUE;
  if (Array.isArray(filters)) return and(filters.map((filter) => anyFilterCondition(filter, sources)));
  return groupCondition(filters as PropertyGroupFilterValue, sources);
}
