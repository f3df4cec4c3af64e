import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { startPrivateNats } from './support/private-nats.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let nats: Awaited<ReturnType<typeof startPrivateNats>>;
let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let base: string;

beforeAll(async () => {
  nats = await startPrivateNats();
  system = await startSystem({ natsUrl: nats.url });
  seed = await seedProject(system);
  base = `/api/projects/${seed.project.id}/insights/`;
}, 90_000);
afterAll(async () => {
  await system?.stop();
  await nats?.dispose();
});

describe('faults', () => {
  it('answers 503 while NATS is down and recovers on its own when it is back', async () => {
    const created = (await system.api('POST', base, { key: seed.key, body: { name: 'survivor' } })).body;
    await nats.stop();
    const down = await eventually(
      () => system.api('GET', `${base}${created.id}/`, { key: seed.key }),
      (res) => res.status === 503,
      20_000,
    );
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('1');
    expect(down.body).toEqual({
      type: 'server_error',
      code: 'service_unavailable',
      detail: 'A service is unavailable, try again shortly.',
      attr: null,
    });
    // `/_ready` reuses its answer for about a second: the ready answer of before the outage may still be served.
    const notReady = await eventually(
      () => system.api('GET', '/_ready'),
      (res) => res.status === 503,
      5_000,
    );
    expect(notReady.status).toBe(503);
    await nats.start();
    const back = await eventually(
      () => system.api('GET', `${base}${created.id}/`, { key: seed.key }),
      (res) => res.status === 200,
      20_000,
    );
    expect(back.status).toBe(200);
    expect(back.body.name).toBe('survivor');
  }, 60_000);

  it('keeps accepting tag changes while tagging is down; tagging catches up when it is back', async () => {
    const created = (await system.api('POST', base, { key: seed.key, body: { name: 'tagged', tags: ['keep'] } })).body;
    await system.stopProcess('tagging');
    try {
      const res = await system.api('PATCH', `${base}${created.id}/`, {
        key: seed.key,
        body: { name: 'changed', tags: ['new'] },
      });
      expect(res.status).toBe(200);
      expect(res.body.tags).toEqual(['new']);
    } finally {
      system.startProcess('tagging');
    }
    const client = new pg.Client({ connectionString: system.database.url });
    await client.connect();
    try {
      const storedTags = async () =>
        (
          await client.query(
            `SELECT coalesce(array_agg(t.name ORDER BY t.name), '{}') AS tags FROM tagging.tagged_item ti
             JOIN tagging.tag t ON t.id = ti.tag_id WHERE ti.insight_id = $1`,
            [created.id],
          )
        ).rows[0].tags;
      await eventually(storedTags, (tags) => JSON.stringify(tags) === '["new"]', 20_000);
      expect(await storedTags()).toEqual(['new']);
    } finally {
      await client.end();
    }
    const after = await system.api('GET', `${base}${created.id}/`, { key: seed.key });
    expect(after.body.name).toBe('changed');
    expect(after.body.tags).toEqual(['new']);
  }, 60_000);

  it('changes neither the insight nor its tags when the insight write fails', async () => {
    const created = (
      await eventually(
        () => system.api('POST', base, { key: seed.key, body: { name: 'steady', tags: ['old'] } }),
        (r) => r.status === 201,
      )
    ).body;
    const client = new pg.Client({ connectionString: system.database.url });
    await client.connect();
    try {
      // A real failure inside the insights transaction that writes the insight, its tags and its event.
      await client.query(`
        CREATE FUNCTION insights.refuse_explode() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.name = 'explode' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER refuse_explode BEFORE UPDATE ON insights.insight FOR EACH ROW EXECUTE FUNCTION insights.refuse_explode();`);
      const res = await system.api('PATCH', `${base}${created.id}/`, {
        key: seed.key,
        body: { name: 'explode', tags: ['new'] },
        headers: { 'x-request-id': 'explode-req-1' },
      });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ type: 'server_error', code: 'error', detail: 'A server error occurred.', attr: null });
      expect(res.text).not.toContain('refused by test trigger');
      // The answer hides the cause; the service's log names it, with the request id.
      const logged = await eventually(
        async () =>
          system.logs.find((line) => line.includes('"msg":"procedure failed"') && line.includes('explode-req-1')),
        (line) => line !== undefined,
      );
      expect(logged).toContain('refused by test trigger');
      expect(JSON.parse(logged!)).toMatchObject({ name: 'insights', path: 'update', requestId: 'explode-req-1' });
    } finally {
      await client.query('DROP TRIGGER IF EXISTS refuse_explode ON insights.insight').catch(() => undefined);
      await client.end();
    }
    const after = await system.api('GET', `${base}${created.id}/`, { key: seed.key });
    expect(after.body.name).toBe('steady');
    expect(after.body.tags).toEqual(['old']);
  });
});
