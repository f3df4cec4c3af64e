import type { AnyPropertyFilter, PropertyFilters, PropertyGroupFilterValue } from '../schema/property-filters.js';

function anyUsesPerson(value: AnyPropertyFilter | PropertyGroupFilterValue): boolean {
  if ('values' in value) return (value as PropertyGroupFilterValue).values.some(anyUsesPerson);
  return 'type' in value && value.type === 'person';
}

/** Whether any filter reads person properties, so the person row must be joined. */
export function usesPersonProperties(filters: PropertyFilters | null | undefined): boolean {
  if (!filters) return false;
  if (Array.isArray(filters)) return filters.some(anyUsesPerson);
  return (filters as PropertyGroupFilterValue).values.some(anyUsesPerson);
}
