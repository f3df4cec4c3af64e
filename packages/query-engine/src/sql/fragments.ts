import { type RawBuilder, sql } from 'kysely';

export type SqlFragment = RawBuilder<unknown>;
export type SqlCondition = RawBuilder<boolean>;

export const TRUE: SqlCondition = sql<boolean>`TRUE`;
export const FALSE: SqlCondition = sql<boolean>`FALSE`;

export function and(conditions: readonly SqlCondition[]): SqlCondition {
  if (conditions.length === 0) return TRUE;
  if (conditions.length === 1) return conditions[0]!;
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
}

export function or(conditions: readonly SqlCondition[]): SqlCondition {
  if (conditions.length === 0) return FALSE;
  if (conditions.length === 1) return conditions[0]!;
  return sql<boolean>`(${sql.join(conditions, sql` OR `)})`;
}

/** A bound text parameter: property keys and values only ever reach PostgreSQL this way. */
export function textParam(value: string): SqlFragment {
  return sql`${value}::text`;
}

export function textArrayParam(values: readonly string[]): SqlFragment {
  return sql`${[...values]}::text[]`;
}
