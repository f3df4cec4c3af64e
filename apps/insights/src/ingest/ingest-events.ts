import type { CapturedEvent } from '@insights/contracts';
import { type Kysely, sql } from 'kysely';
import { distinctIdsOf, type KnownPerson, resolvePersons } from './person-resolution.js';

/**
 * Writes one project's captured events, with their persons, in the caller's transaction, in a constant number of
 * set-based statements whatever the number of events. Idempotent: an event whose uuid the project already has is not
 * stored again, and replaying person updates leaves persons as they were. One project's ingestion takes a transaction
 * lock, so replicas writing the same project's persons at once take turns.
 */
export async function ingestEvents(
  trx: Kysely<any>,
  projectId: number,
  events: readonly CapturedEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(hashtext('insights.ingest'), ${projectId}::int)`.execute(trx);

  const distinctIds = distinctIdsOf(events);
  const { rows: mapped } = await sql<{ distinct_id: string; person_id: string }>`
    SELECT distinct_id, person_id FROM insights.person_distinct_id
    WHERE project_id = ${projectId} AND distinct_id = ANY(${distinctIds}::text[])`.execute(trx);
  const storedPersonOf = new Map(mapped.map((row) => [row.distinct_id, row.person_id]));
  const { rows: known } = await sql<{
    id: string;
    is_identified: boolean;
    properties: Record<string, unknown>;
    created_at: Date | null;
  }>`
    SELECT id, is_identified, properties, created_at FROM insights.person
    WHERE project_id = ${projectId} AND id = ANY(${[...new Set(storedPersonOf.values())]}::uuid[])`.execute(trx);
  const storedPersons = new Map<string, KnownPerson>(
    known.map((row) => [
      row.id,
      { id: row.id, isIdentified: row.is_identified, properties: row.properties, createdAt: row.created_at },
    ]),
  );

  const resolution = resolvePersons(events, storedPersonOf, storedPersons);

  if (resolution.persons.length > 0) {
    const persons = JSON.stringify(
      resolution.persons.map((person) => ({
        id: person.id,
        created_at: person.createdAt.toISOString(),
        properties: person.properties,
        is_identified: person.isIdentified,
      })),
    );
    await sql`
      INSERT INTO insights.person (project_id, id, created_at, properties, is_identified)
      SELECT ${projectId}, p.id, p.created_at, p.properties, p.is_identified
      FROM jsonb_to_recordset(${persons}::jsonb)
        AS p(id uuid, created_at timestamptz, properties jsonb, is_identified boolean)
      ON CONFLICT (project_id, id) DO UPDATE SET
        created_at = excluded.created_at, properties = excluded.properties, is_identified = excluded.is_identified`.execute(
      trx,
    );
  }
  if (resolution.distinctIds.size > 0) {
    await sql`
      INSERT INTO insights.person_distinct_id (project_id, distinct_id, person_id)
      SELECT ${projectId}, d.distinct_id, d.person_id
      FROM unnest(${[...resolution.distinctIds.keys()]}::text[], ${[...resolution.distinctIds.values()]}::uuid[])
        AS d(distinct_id, person_id)
      ON CONFLICT (project_id, distinct_id) DO UPDATE SET person_id = excluded.person_id`.execute(trx);
  }
  if (resolution.merges.length > 0) {
    const from = resolution.merges.map((merge) => merge.from);
    const into = resolution.merges.map((merge) => merge.into);
    const merged = sql`unnest(${from}::uuid[], ${into}::uuid[]) AS m(from_id, into_id)`;
    // The merged persons' other distinct ids, and earlier overrides pointing at them, now point at the survivor, so
    // that the override table stays flat: one lookup resolves any event's person.
    await sql`UPDATE insights.person_distinct_id d SET person_id = m.into_id FROM ${merged}
      WHERE d.project_id = ${projectId} AND d.person_id = m.from_id`.execute(trx);
    await sql`UPDATE insights.person_override o SET override_person_id = m.into_id FROM ${merged}
      WHERE o.project_id = ${projectId} AND o.override_person_id = m.from_id`.execute(trx);
    await sql`
      INSERT INTO insights.person_override (project_id, old_person_id, override_person_id)
      SELECT ${projectId}, m.from_id, m.into_id FROM ${merged}
      ON CONFLICT (project_id, old_person_id) DO UPDATE SET override_person_id = excluded.override_person_id`.execute(
      trx,
    );
    await sql`DELETE FROM insights.person WHERE project_id = ${projectId} AND id = ANY(${from}::uuid[])`.execute(trx);
  }

  const rows = JSON.stringify(
    events.map((event) => ({
      uuid: event.uuid,
      event: event.event,
      distinct_id: event.distinct_id,
      person_id: resolution.personOf.get(event.distinct_id),
      timestamp: event.timestamp,
      properties: event.properties,
    })),
  );
  await sql`
    INSERT INTO insights.event (project_id, uuid, event, distinct_id, person_id, timestamp, properties)
    SELECT ${projectId}, e.uuid, e.event, e.distinct_id, e.person_id, e.timestamp, e.properties
    FROM jsonb_to_recordset(${rows}::jsonb)
      AS e(uuid uuid, event text, distinct_id text, person_id uuid, timestamp timestamptz, properties jsonb)
    ON CONFLICT (project_id, uuid) DO NOTHING`.execute(trx);
  // The days these events fall on have new data: cached results of past ranges covering them are recomputed.
  const days = [...new Set(events.map((event) => event.timestamp.slice(0, 10)))].sort();
  await sql`
    INSERT INTO insights.event_day_change (project_id, day, changed_at)
    SELECT ${projectId}, d, now() FROM unnest(${days}::date[]) AS d
    ON CONFLICT (project_id, day) DO UPDATE SET changed_at = excluded.changed_at`.execute(trx);
}
