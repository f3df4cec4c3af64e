import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

/**
 * Nothing acknowledged is lost, and no single event stops the others (issue 7, §1): a change too large for one bus
 * message still gets its activity entry, and an event a consumer cannot handle is parked (logged, reported by
 * `/_ready`, replayable with the admin CLI) while the events behind it flow.
 */

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let base: string;
let db: pg.Client;

beforeAll(async () => {
  system = await startSystem({ extraEnv: { EVENT_MAX_ATTEMPTS: '3', EVENT_RETRY_BASE_MS: '100' } });
  seed = await seedProject(system);
  base = `/api/projects/${seed.project.id}/insights/`;
  db = new pg.Client({ connectionString: system.database.url });
  await db.connect();
}, 90_000);

afterAll(async () => {
  await db?.end();
  await system?.stop();
});

const activityOf = async (id: number) =>
  (await system.api('GET', `${base}${id}/activity/?limit=100`, { key: seed.key })).body.results as {
    activity: string;
    detail: { changes: { field: string; after: unknown }[] | null };
  }[];

describe('events that do not fit in a bus message, or that a consumer cannot handle', () => {
  it('records the activity of a change whose event is larger than a NATS message, and keeps the stream flowing', async () => {
    const created = await system.api('POST', base, {
      key: seed.key,
      body: { name: 'padded', filters: { pad: 'x'.repeat(600_000) } },
    });
    expect(created.status).toBe(201);
    const patched = await system.api('PATCH', `${base}${created.body.id}/`, {
      key: seed.key,
      body: { filters: { pad: 'y'.repeat(600_000) } },
    });
    expect(patched.status).toBe(200);
    const later = await system.api('POST', base, { key: seed.key, body: { name: 'small, after the big one' } });

    const entries = await eventually(
      () => activityOf(created.body.id),
      (list) => list.length === 2,
      20_000,
    );
    expect(entries.map((entry) => entry.activity)).toEqual(['updated', 'created']);
    const filtersChange = entries[0]?.detail.changes?.find((change) => change.field === 'filters');
    expect((filtersChange?.after as { pad?: string } | undefined)?.pad).toBe('y'.repeat(600_000));
    expect(
      await eventually(
        () => activityOf(later.body.id),
        (list) => list.length === 1,
      ),
    ).toHaveLength(1);
    expect((await system.api('GET', '/_ready')).body.status).toBe('ready');
  }, 60_000);

  it('parks an event the activity consumer keeps failing on, lets the others through, and replays it on request', async () => {
    await db.query(`
      CREATE FUNCTION activity.refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.detail->>'name' = 'poison' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON activity.activity_log
        FOR EACH ROW EXECUTE FUNCTION activity.refuse_poison();`);
    try {
      const poison = await system.api('POST', base, { key: seed.key, body: { name: 'poison' } });
      expect(poison.status).toBe(201);
      const behind = await system.api('POST', base, { key: seed.key, body: { name: 'behind the poison' } });

      expect(
        await eventually(
          () => activityOf(behind.body.id),
          (list) => list.length === 1,
          20_000,
        ),
      ).toHaveLength(1);
      const ready = await eventually(
        async () => (await system.api('GET', '/_ready')).body,
        (body) => body.status === 'degraded',
        20_000,
      );
      expect(ready).toMatchObject({ status: 'degraded', parkedEvents: 1, services: { activity: { parkedEvents: 1 } } });
      expect((await system.api('GET', '/_ready')).status).toBe(200);
      const parked = await db.query(`SELECT id, consumer, error, attempts FROM activity.parked_event`);
      expect(parked.rows).toEqual([
        {
          id: expect.any(String),
          consumer: 'activity',
          error: expect.stringContaining('refused by test trigger'),
          attempts: 3,
        },
      ]);
      const eventId = parked.rows[0].id as string;
      const logged = await eventually(
        async () => system.logs.find((line) => line.includes('event parked') && line.includes(eventId)),
        (line) => line !== undefined,
      );
      expect(logged).toContain('refused by test trigger');
      expect(await activityOf(poison.body.id)).toEqual([]);

      await db.query('DROP TRIGGER refuse_poison ON activity.activity_log');
      expect(await system.admin('events', 'replay', '--id', eventId)).toEqual({ replayed: 1 });

      expect(
        await eventually(
          () => activityOf(poison.body.id),
          (list) => list.length === 1,
          20_000,
        ),
      ).toHaveLength(1);
      const after = await eventually(
        async () => (await system.api('GET', '/_ready')).body,
        (body) => body.status === 'ready',
      );
      expect(after).toMatchObject({ status: 'ready', parkedEvents: 0 });
      expect((await db.query('SELECT count(*)::int AS n FROM activity.parked_event')).rows[0].n).toBe(0);
    } finally {
      await db.query('DROP TRIGGER IF EXISTS refuse_poison ON activity.activity_log');
    }
  }, 90_000);

  it('replays nothing when nothing is parked, and refuses an id that is not an event id', async () => {
    expect(await system.admin('events', 'replay', '--all')).toEqual({ replayed: 0 });
    await expect(system.admin('events', 'replay', '--id', 'not-a-uuid')).rejects.toThrow(/must be an event id/);
  });
});
