import { type Kysely, sql } from 'kysely';
import { EVENT_TABLES } from '../sql/event-tables.js';
import type { Dataset } from './dataset.js';

const BATCH = 5000;

/** Stores a data set in the event tables of `schema` (batched `unnest` inserts), then analyzes them. */
export async function loadDataset(db: Kysely<any>, schema: string, dataset: Dataset): Promise<void> {
  const table = (name: string) => sql.id(schema, name);
  for (let start = 0; start < dataset.events.length; start += BATCH) {
    const batch = dataset.events.slice(start, start + BATCH);
    await sql`INSERT INTO ${table(EVENT_TABLES.event)} (project_id, uuid, event, distinct_id, person_id, timestamp, properties)
      SELECT ${dataset.projectId}::int, * FROM unnest(
        ${batch.map((event) => event.uuid)}::uuid[], ${batch.map((event) => event.event)}::text[],
        ${batch.map((event) => event.distinctId)}::text[], ${batch.map((event) => event.personId)}::uuid[],
        ${batch.map((event) => event.timestamp)}::timestamptz[], ${batch.map((event) => JSON.stringify(event.properties))}::jsonb[]
      )`.execute(db);
  }
  const persons = dataset.persons;
  if (persons.length > 0) {
    await sql`INSERT INTO ${table(EVENT_TABLES.person)} (project_id, id, created_at, properties, is_identified)
      SELECT ${dataset.projectId}::int, * FROM unnest(
        ${persons.map((person) => person.id)}::uuid[], ${persons.map((person) => person.createdAt)}::timestamptz[],
        ${persons.map((person) => JSON.stringify(person.properties))}::jsonb[], ${persons.map((person) => person.isIdentified)}::boolean[]
      )`.execute(db);
    const distinctIds = persons.flatMap((person) =>
      person.distinctIds.map((distinctId) => ({ distinctId, personId: person.id })),
    );
    await sql`INSERT INTO ${table(EVENT_TABLES.personDistinctId)} (project_id, distinct_id, person_id)
      SELECT ${dataset.projectId}::int, * FROM unnest(
        ${distinctIds.map((row) => row.distinctId)}::text[], ${distinctIds.map((row) => row.personId)}::uuid[]
      ) ON CONFLICT DO NOTHING`.execute(db);
  }
  if (dataset.overrides.length > 0) {
    await sql`INSERT INTO ${table(EVENT_TABLES.personOverride)} (project_id, old_person_id, override_person_id)
      SELECT ${dataset.projectId}::int, * FROM unnest(
        ${dataset.overrides.map((row) => row.oldPersonId)}::uuid[], ${dataset.overrides.map((row) => row.overridePersonId)}::uuid[]
      )`.execute(db);
  }
  for (const name of Object.values(EVENT_TABLES)) await sql`ANALYZE ${table(name)}`.execute(db);
}
