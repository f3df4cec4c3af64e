import { sql } from 'kysely';
import { type SqlFragment, textParam } from '../sql/fragments.js';

/**
 * A property as text, the way HogQL reads it: missing keys and JSON nulls are NULL, strings unquoted, numbers and
 * booleans in their JSON spelling.
 */
export function propertyText(properties: SqlFragment, key: string): SqlFragment {
  return sql`(${properties} ->> ${textParam(key)})`;
}

/**
 * A property as a number, like HogQL's `toFloat`: JSON numbers, and strings that spell a number; anything else NULL.
 * The string branch is guarded by a pattern so that a stray value never aborts the statement with a cast error.
 */
export function propertyNumber(properties: SqlFragment, key: string): SqlFragment {
  const raw = sql`(${properties} -> ${textParam(key)})`;
  const text = propertyText(properties, key);
  return sql`(CASE jsonb_typeof(${raw}) WHEN 'number' THEN (${raw})::float8 WHEN 'string' THEN (CASE WHEN ${text} ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$' THEN (${text})::float8 END) END)`;
}
