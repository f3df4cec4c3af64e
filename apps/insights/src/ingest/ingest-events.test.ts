import { randomUUID } from 'node:crypto';
import type { CapturedEvent } from '@insights/contracts';
import { createDb, migrateToLatest } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSIGHTS_SCHEMA } from '../db/database.js';
import { insightsMigrations } from '../db/migrations/index.js';
import { ingestEvents } from './ingest-events.js';

let database: TestDatabase;
let db: Kysely<any>;
let nextProject = 1;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb<any>({ connectionString: database.url });
  await migrateToLatest(db, INSIGHTS_SCHEMA, insightsMigrations);
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

function event(name: string, distinctId: string, at: string, properties: Record<string, unknown> = {}): CapturedEvent {
  return { uuid: randomUUID(), event: name, distinct_id: distinctId, properties, timestamp: at };
}

const ingest = (projectId: number, events: CapturedEvent[]) =>
  db.transaction().execute((trx) => ingestEvents(trx, projectId, events));

/** Each event's distinct_id and the person it counts for in queries (overrides applied), in timestamp order. */
async function resolvedPersons(projectId: number) {
  const { rows } = await sql<{ distinct_id: string; event: string; person: string }>`
    SELECT e.distinct_id, e.event, coalesce(o.override_person_id, e.person_id) AS person
    FROM insights.event e
    LEFT JOIN insights.person_override o ON o.project_id = e.project_id AND o.old_person_id = e.person_id
    WHERE e.project_id = ${projectId} ORDER BY e.timestamp, e.event`.execute(db);
  return rows;
}

async function personRow(projectId: number, personId: string) {
  return db
    .selectFrom('insights.person')
    .select(['created_at', 'properties', 'is_identified'])
    .where('project_id', '=', projectId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

describe('ingestEvents', () => {
  it('counts the anonymous visits before a login and the events after it as one identified person', async () => {
    const project = nextProject++;
    await ingest(project, [
      event('$pageview', 'anon-1', '2024-05-01T10:00:00Z'),
      event('$pageview', 'anon-1', '2024-05-01T10:01:00Z'),
    ]);
    await ingest(project, [
      event('$identify', 'user-1', '2024-05-01T10:02:00Z', { $anon_distinct_id: 'anon-1', $set: { email: 'a@x.io' } }),
      event('signed_up', 'user-1', '2024-05-01T10:03:00Z'),
    ]);

    const rows = await resolvedPersons(project);
    expect(new Set(rows.map((row) => row.person)).size).toBe(1);
    const person = await personRow(project, rows[0]!.person);
    expect(person).toEqual({
      created_at: new Date('2024-05-01T10:00:00Z'),
      properties: { email: 'a@x.io' },
      is_identified: true,
    });
  });

  it('merges an anonymous person into the identified one when both already exist, flattening earlier merges', async () => {
    const project = nextProject++;
    await ingest(project, [
      event('$pageview', 'user-2', '2024-05-02T09:00:00Z', { $set: { plan: 'pro', name: 'Known' } }),
      event('$identify', 'user-2', '2024-05-02T09:00:01Z', { $anon_distinct_id: 'older-device' }),
      event('$pageview', 'anon-2', '2024-05-01T08:00:00Z', { $set: { name: 'Anon', referrer: 'ads' } }),
      event('$pageview', 'anon-3', '2024-05-01T07:00:00Z'),
    ]);
    // anon-3's person is merged into anon-2's first, then anon-2's into user-2's.
    await ingest(project, [event('$create_alias', 'anon-2', '2024-05-03T00:00:00Z', { alias: 'anon-3' })]);
    await ingest(project, [event('$identify', 'user-2', '2024-05-03T10:00:00Z', { $anon_distinct_id: 'anon-2' })]);

    const rows = await resolvedPersons(project);
    expect(new Set(rows.map((row) => row.person)).size).toBe(1);
    const overrides = await db
      .selectFrom('insights.person_override')
      .selectAll()
      .where('project_id', '=', project)
      .execute();
    expect(overrides).toHaveLength(2);
    expect(new Set(overrides.map((row) => row.override_person_id))).toEqual(new Set([rows[0]!.person]));
    const person = await personRow(project, rows[0]!.person);
    // The earliest event of anyone merged in, and the survivor's properties first.
    expect(person?.created_at).toEqual(new Date('2024-05-01T07:00:00Z'));
    expect(person?.properties).toEqual({ plan: 'pro', name: 'Known', referrer: 'ads' });
    const distinctIds = await db
      .selectFrom('insights.person_distinct_id')
      .select(['distinct_id', 'person_id'])
      .where('project_id', '=', project)
      .execute();
    expect(new Set(distinctIds.map((row) => row.person_id))).toEqual(new Set([rows[0]!.person]));
    expect(distinctIds.map((row) => row.distinct_id).sort()).toEqual(['anon-2', 'anon-3', 'older-device', 'user-2']);
  });

  it('refuses to merge an already identified person through $identify, as PostHog does', async () => {
    const project = nextProject++;
    await ingest(project, [
      event('$identify', 'alice', '2024-05-01T00:00:00Z', { $anon_distinct_id: 'device-a' }),
      event('$identify', 'bob', '2024-05-01T00:00:00Z', { $anon_distinct_id: 'device-b' }),
    ]);
    await ingest(project, [event('$identify', 'alice', '2024-05-02T00:00:00Z', { $anon_distinct_id: 'bob' })]);

    const persons = new Map((await resolvedPersons(project)).map((row) => [row.distinct_id, row.person]));
    expect(persons.get('alice')).not.toBe(persons.get('bob'));
  });

  it('keeps created_at at the earliest event whatever order events arrive in, and applies $set_once once', async () => {
    const project = nextProject++;
    await ingest(project, [event('$pageview', 'late', '2024-06-10T00:00:00Z', { $set_once: { first: 'june' } })]);
    await ingest(project, [event('$pageview', 'late', '2024-06-01T00:00:00Z', { $set_once: { first: 'may' } })]);

    const [row] = await resolvedPersons(project);
    expect(await personRow(project, row!.person)).toMatchObject({
      created_at: new Date('2024-06-01T00:00:00Z'),
      properties: { first: 'june' },
    });
  });

  it('stores nothing twice when a batch is sent again', async () => {
    const project = nextProject++;
    const batch = [
      event('$pageview', 'again', '2024-07-01T00:00:00Z'),
      event('$identify', 'again-user', '2024-07-01T00:01:00Z', { $anon_distinct_id: 'again' }),
    ];
    await ingest(project, batch);
    const before = await resolvedPersons(project);
    await ingest(project, batch);
    await ingest(project, [...batch, batch[0]!]);

    expect(await resolvedPersons(project)).toEqual(before);
    expect(before).toHaveLength(2);
  });

  it('keeps projects apart: the same distinct_id in two projects is two persons', async () => {
    const [a, b] = [nextProject++, nextProject++];
    await ingest(a, [event('$pageview', 'shared-id', '2024-08-01T00:00:00Z')]);
    await ingest(b, [event('$pageview', 'shared-id', '2024-08-01T00:00:00Z')]);

    expect((await resolvedPersons(a))[0]!.person).not.toBe((await resolvedPersons(b))[0]!.person);
  });
});
