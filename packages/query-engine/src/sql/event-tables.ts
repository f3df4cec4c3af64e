import { type Kysely, sql } from 'kysely';

/** Names of the tables the engine reads, inside the schema given to `createEventTables`. */
export const EVENT_TABLES = {
  event: 'event',
  person: 'person',
  personDistinctId: 'person_distinct_id',
  personOverride: 'person_override',
} as const;

/** Row types of those tables, for a `Kysely<EventTablesDatabase>` used by ingestion and tests. */
export interface EventRow {
  project_id: number;
  uuid: string;
  event: string;
  distinct_id: string;
  person_id: string;
  timestamp: Date | string;
  properties: Record<string, unknown> | string;
  created_at?: Date | string;
}

export interface PersonRow {
  project_id: number;
  id: string;
  created_at: Date | string | null;
  properties: Record<string, unknown> | string;
  is_identified: boolean;
}

export interface PersonDistinctIdRow {
  project_id: number;
  distinct_id: string;
  person_id: string;
}

export interface PersonOverrideRow {
  project_id: number;
  old_person_id: string;
  override_person_id: string;
}

export interface EventTablesDatabase {
  event: EventRow;
  person: PersonRow;
  person_distinct_id: PersonDistinctIdRow;
  person_override: PersonOverrideRow;
}

/**
 * Creates the event and person tables in `schema` (idempotent). Index choices:
 * - `(project_id, event, timestamp) INCLUDE (person_id, uuid)`: every runner scans one project's events of a few
 *   names over a time range; carrying the person and uuid lets counts, unique users, funnels, retention and
 *   lifecycle run as index-only scans (once vacuumed) without touching the wide jsonb rows.
 * - `(project_id, timestamp) INCLUDE (person_id)`: the same for `event: null` (all events) series.
 * - `person_override (project_id, override_person_id)` and `person_distinct_id (project_id, person_id)`: the lookups
 *   ingestion needs to keep merges flattened.
 * Persons are updated in place (properties), so they leave room for HOT updates; events are append-only.
 */
export async function createEventTables(db: Kysely<any>, schema: string): Promise<void> {
  const table = (name: string) => sql.id(schema, name);
  const statements = [
    sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`,
    sql`CREATE TABLE IF NOT EXISTS ${table(EVENT_TABLES.event)} (
      project_id integer NOT NULL,
      uuid uuid NOT NULL,
      event text NOT NULL,
      distinct_id text NOT NULL,
      person_id uuid NOT NULL,
      timestamp timestamptz NOT NULL,
      properties jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, uuid)
    )`,
    sql`CREATE INDEX IF NOT EXISTS event_project_event_timestamp
      ON ${table(EVENT_TABLES.event)} (project_id, event, timestamp) INCLUDE (person_id, uuid)`,
    sql`CREATE INDEX IF NOT EXISTS event_project_timestamp
      ON ${table(EVENT_TABLES.event)} (project_id, timestamp) INCLUDE (person_id)`,
    sql`CREATE TABLE IF NOT EXISTS ${table(EVENT_TABLES.person)} (
      project_id integer NOT NULL,
      id uuid NOT NULL,
      created_at timestamptz,
      properties jsonb NOT NULL DEFAULT '{}',
      is_identified boolean NOT NULL DEFAULT false,
      PRIMARY KEY (project_id, id)
    ) WITH (fillfactor = 90)`,
    sql`CREATE TABLE IF NOT EXISTS ${table(EVENT_TABLES.personDistinctId)} (
      project_id integer NOT NULL,
      distinct_id text NOT NULL,
      person_id uuid NOT NULL,
      PRIMARY KEY (project_id, distinct_id)
    )`,
    sql`CREATE INDEX IF NOT EXISTS person_distinct_id_person
      ON ${table(EVENT_TABLES.personDistinctId)} (project_id, person_id)`,
    sql`CREATE TABLE IF NOT EXISTS ${table(EVENT_TABLES.personOverride)} (
      project_id integer NOT NULL,
      old_person_id uuid NOT NULL,
      override_person_id uuid NOT NULL,
      PRIMARY KEY (project_id, old_person_id)
    )`,
    sql`CREATE INDEX IF NOT EXISTS person_override_override
      ON ${table(EVENT_TABLES.personOverride)} (project_id, override_person_id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
