import { propertyFiltersCondition } from '../filters/property-filter-sql.js';
import { usesPersonProperties } from '../filters/uses-person-properties.js';
import type { AnyPropertyFilter, PropertyFilters } from '../schema/property-filters.js';
import { PROPERTY_SOURCES } from '../sql/event-source.js';
import type { SqlCondition } from '../sql/fragments.js';

/** The filters one series' events must pass: global properties, test accounts and the series' own properties. */
export interface SeriesFilters {
  global: PropertyFilters | null | undefined;
  testAccounts: PropertyFilters | null;
  series: AnyPropertyFilter[];
}

export function seriesFilterConditions(filters: SeriesFilters): SqlCondition[] {
  const conditions = [
    propertyFiltersCondition(filters.global, PROPERTY_SOURCES),
    propertyFiltersCondition(filters.series, PROPERTY_SOURCES),
  ];
  if (filters.testAccounts) conditions.push(propertyFiltersCondition(filters.testAccounts, PROPERTY_SOURCES));
  return conditions;
}

export function seriesFiltersUsePerson(filters: SeriesFilters): boolean {
  return (
    usesPersonProperties(filters.global) ||
    usesPersonProperties(filters.series) ||
    usesPersonProperties(filters.testAccounts)
  );
}

/** A series' `properties` and `fixedProperties` together. */
export function seriesOwnFilters(node: {
  properties?: AnyPropertyFilter[] | null;
  fixedProperties?: AnyPropertyFilter[] | null;
}): AnyPropertyFilter[] {
  return [...(node.properties ?? []), ...(node.fixedProperties ?? [])];
}
