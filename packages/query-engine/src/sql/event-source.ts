import { sql } from 'kysely';
import type { EpochMicros } from '../dates/zoned-time.js';
import type { PropertySources } from '../filters/property-filter-sql.js';
import { EVENT_TABLES } from './event-tables.js';
import { and, type SqlCondition, type SqlFragment } from './fragments.js';
import { timestampParam } from './timestamps.js';

/** The resolved person of an event: a merged-away person counts as the person it was merged into. */
export const PERSON_ID = sql`coalesce(po.override_person_id, e.person_id)`;
export const EVENT_PROPERTIES = sql`e.properties`;
export const PERSON_PROPERTIES = sql`p.properties`;
export const PROPERTY_SOURCES: PropertySources = { event: EVENT_PROPERTIES, person: PERSON_PROPERTIES };

export interface EventScope {
  schema: string;
  projectId: number;
  /** Event names to read; null reads every event (a series with `event: null`). */
  eventNames: readonly string[] | null;
  /** Inclusive lower bound. */
  from?: EpochMicros | null;
  /** Upper bound, inclusive unless `toExclusive`. */
  to?: EpochMicros | null;
  toExclusive?: boolean;
  /** Further conditions, written against `e`, `p` (when `joinPerson`) and `PERSON_ID`. */
  conditions?: readonly SqlCondition[];
  /** Whether the resolved person's id is read (joins the override table). */
  needsPersonId: boolean;
  /** Whether the resolved person's row is read (properties, created_at). */
  joinPerson: boolean;
}

/** `FROM event e [LEFT JOIN person_override po] [LEFT JOIN person p] WHERE …` for one scope. */
export function eventSource(scope: EventScope): SqlFragment {
  const table = (name: string) => sql.id(scope.schema, name);
  const needsOverride = scope.needsPersonId || scope.joinPerson;
  const override = needsOverride
    ? sql`LEFT JOIN ${table(EVENT_TABLES.personOverride)} po ON po.project_id = e.project_id AND po.old_person_id = e.person_id`
    : sql``;
  const person = scope.joinPerson
    ? sql`LEFT JOIN ${table(EVENT_TABLES.person)} p ON p.project_id = e.project_id AND p.id = ${PERSON_ID}`
    : sql``;
  return sql`FROM ${table(EVENT_TABLES.event)} e ${override} ${person} WHERE ${eventConditions(scope)}`;
}

function eventConditions(scope: EventScope): SqlCondition {
  const conditions: SqlCondition[] = [sql<boolean>`e.project_id = ${scope.projectId}::int`];
  if (scope.eventNames !== null) {
    conditions.push(
      scope.eventNames.length === 1
        ? sql<boolean>`e.event = ${scope.eventNames[0]}::text`
        : sql<boolean>`e.event = ANY(${[...scope.eventNames]}::text[])`,
    );
  }
  if (scope.from !== undefined && scope.from !== null) {
    conditions.push(sql<boolean>`e.timestamp >= ${timestampParam(scope.from)}`);
  }
  if (scope.to !== undefined && scope.to !== null) {
    conditions.push(
      scope.toExclusive
        ? sql<boolean>`e.timestamp < ${timestampParam(scope.to)}`
        : sql<boolean>`e.timestamp <= ${timestampParam(scope.to)}`,
    );
  }
  conditions.push(...(scope.conditions ?? []));
  return and(conditions);
}

/**
 * Maps rows pre-aggregated by the stored `person_id` to resolved persons. Aggregating by the stored column first
 * (which has statistics) and joining the override table on the few resulting rows is cheaper than resolving every
 * event, and gives the planner sane row estimates.
 */
export function resolvedPersonOf(
  schema: string,
  projectId: number,
  rawPersonId: SqlFragment,
): {
  join: SqlFragment;
  personId: SqlFragment;
} {
  return {
    join: sql`LEFT JOIN ${sql.id(schema, EVENT_TABLES.personOverride)} po
      ON po.project_id = ${projectId}::int AND po.old_person_id = ${rawPersonId}`,
    personId: sql`coalesce(po.override_person_id, ${rawPersonId})`,
  };
}
