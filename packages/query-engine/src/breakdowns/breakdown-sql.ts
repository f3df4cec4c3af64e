import { sql } from 'kysely';
import { propertyText } from '../filters/property-values.js';
import { EVENT_PROPERTIES, PERSON_PROPERTIES } from '../sql/event-source.js';
import { type SqlFragment, textParam } from '../sql/fragments.js';
import type { BreakdownDimension } from '../validation/breakdown.js';

/**
 * One breakdown dimension's value as text; `nullValue` replaces a null, missing or empty value. With URL
 * normalisation trailing `/?#` are stripped and an emptied value becomes `/`.
 */
export function breakdownValueSql(dimension: BreakdownDimension, nullValue: string): SqlFragment {
  return sql`coalesce(${breakdownKeySql(dimension)}, ${textParam(nullValue)})`;
}

/** A dimension's value as text, NULL when null, missing or empty: cheap to group by before markers are applied. */
export function breakdownKeySql(dimension: BreakdownDimension): SqlFragment {
  const properties = dimension.type === 'person' ? PERSON_PROPERTIES : EVENT_PROPERTIES;
  const raw = sql`nullif(${propertyText(properties, dimension.property)}, '')`;
  return dimension.normalizeUrl
    ? sql`(CASE WHEN ${raw} IS NULL THEN NULL ELSE coalesce(nullif(rtrim(${raw}, '/?#'), ''), '/') END)`
    : raw;
}

export function usesPersonBreakdown(dimensions: readonly BreakdownDimension[]): boolean {
  return dimensions.some((dimension) => dimension.type === 'person');
}
