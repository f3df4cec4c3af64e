import type { PropertyFilterValue } from '../schema/property-filters.js';

/** A filter value as the string HogQL compares properties with (`toString`; booleans as `true`/`false`). */
export function filterValueText(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** A filter value as a list: `[]` means "no filter", a scalar is a one-element list (§1.3). */
export function filterValueList(value: PropertyFilterValue | undefined): Array<string | number | boolean> {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.filter((item): item is string | number | boolean => item !== null);
  return [value];
}

/** The number a comparison operator compares against, when the value spells one. */
export function filterValueNumber(value: string | number | boolean): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
  return null;
}
