import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { PostHog } from 'posthog-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

/**
 * Issue 8: PostHog's SDKs send events to our gateway unchanged; nothing accepted is lost, nothing refused is kept, and
 * persons are merged as PostHog merges them.
 */

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let token: string;
let db: pg.Client;

beforeAll(async () => {
  system = await startSystem();
  seed = await seedProject(system);
  token = seed.project.api_token;
  db = new pg.Client({ connectionString: system.database.url });
  await db.connect();
}, 90_000);

afterAll(async () => {
  await db?.end();
  await system?.stop();
});

async function storedEvents(where: string, params: unknown[] = []) {
  const { rows } = await db.query(
    `SELECT e.uuid, e.event, e.distinct_id, e.properties, e.timestamp,
       coalesce(o.override_person_id, e.person_id) AS person
     FROM insights.event e
     LEFT JOIN insights.person_override o ON o.project_id = e.project_id AND o.old_person_id = e.person_id
     WHERE e.project_id = $1 AND ${where} ORDER BY e.timestamp, e.event`,
    [seed.project.id, ...params],
  );
  return rows;
}

/** Waits until `count` events with these distinct_ids are stored, and answers them. */
const eventsOf = (distinctIds: string[], count: number, timeoutMs = 20_000) =>
  eventually(
    () => storedEvents('e.distinct_id = ANY($2)', [distinctIds]),
    (rows) => rows.length >= count,
    timeoutMs,
  );

function post(
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  return fetch(`${system.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  }).then(async (response) => ({ status: response.status, body: await response.json().catch(() => null) }));
}

const ids = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

describe('capture', () => {
  it('takes the events of the real posthog-node SDK (gzip), stores each once, and merges the aliased persons', async () => {
    const anonymous = ids('sdk-anon');
    const user = ids('sdk-user');
    const client = new PostHog(token, { host: system.baseUrl, flushAt: 20, flushInterval: 0 });
    client.capture({ distinctId: anonymous, event: 'opened app', properties: { plan: 'free' } });
    client.capture({ distinctId: anonymous, event: '$pageview', properties: { $current_url: 'https://x.io/' } });
    client.identify({ distinctId: user, properties: { email: 'sdk@example.com' } });
    client.alias({ distinctId: user, alias: anonymous });
    client.capture({ distinctId: user, event: 'signed_up' });
    await client.shutdown();

    const rows = await eventsOf([anonymous, user], 5);
    expect(rows.map((row) => row.event).sort()).toEqual(
      ['$create_alias', '$identify', '$pageview', 'opened app', 'signed_up'].sort(),
    );
    expect(new Set(rows.map((row) => row.uuid)).size).toBe(5);
    expect(new Set(rows.map((row) => row.person)).size).toBe(1);
    expect(rows.find((row) => row.event === 'opened app')?.properties).toMatchObject({
      plan: 'free',
      $lib: 'posthog-node',
    });
    const { rows: persons } = await db.query(
      'SELECT properties FROM insights.person WHERE project_id = $1 AND id = $2',
      [seed.project.id, rows[0].person],
    );
    expect(persons[0].properties).toEqual({ email: 'sdk@example.com' });
  });

  it('accepts every body shape PostHog accepts, with the token in each place', async () => {
    const who = ids('shapes');
    const single = { event: 'single', distinct_id: who, api_key: token, properties: {} };
    const batch = { api_key: token, batch: [{ event: 'in batch', distinct_id: who, properties: {} }] };
    const array = [{ event: 'in array', distinct_id: who, properties: { token } }];
    const gzipped = gzipSync(JSON.stringify({ token, batch: [{ event: 'gzip-js', distinct_id: who }] }));
    const form = `data=${encodeURIComponent(
      Buffer.from(JSON.stringify({ event: 'form', distinct_id: who, properties: { token } })).toString('base64'),
    )}`;

    const answers = [
      await post('/e/', JSON.stringify(single)),
      await post('/batch', JSON.stringify(batch)),
      await post('/capture/', JSON.stringify(array)),
      await post('/i/v0/e/?compression=gzip-js', gzipped, { 'content-type': 'text/plain' }),
      await post('/e/', gzipSync(JSON.stringify(single).replace('"single"', '"gzip header"')), {
        'content-encoding': 'gzip',
      }),
      await post('/e', form, { 'content-type': 'application/x-www-form-urlencoded' }),
    ];

    expect(answers).toEqual(Array.from({ length: 6 }, () => ({ status: 200, body: { status: 1 } })));
    const rows = await eventsOf([who], 6);
    expect(rows.map((row) => row.event).sort()).toEqual(
      ['single', 'in batch', 'in array', 'gzip-js', 'gzip header', 'form'].sort(),
    );
  });

  it('reconciles a client clock that runs ahead with sent_at, and gives an event without uuid a UUIDv7', async () => {
    const who = ids('clock');
    const clientNow = Date.now() + 3_600_000;
    const answer = await post(
      '/batch/',
      JSON.stringify({
        api_key: token,
        sent_at: new Date(clientNow).toISOString(),
        batch: [{ event: 'skewed', distinct_id: who, timestamp: new Date(clientNow - 60_000).toISOString() }],
      }),
    );
    expect(answer.status).toBe(200);
    const [row] = await eventsOf([who], 1);
    const stored = new Date(row.timestamp).getTime();
    expect(Math.abs(stored - (Date.now() - 60_000))).toBeLessThan(30_000);
    expect(row.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses bad requests with PostHog’s capture errors and keeps nothing of them', async () => {
    const who = ids('refused');
    const unknownToken = await post('/e/', JSON.stringify({ event: 'x', distinct_id: who, api_key: 'phc_nope' }));
    const noToken = await post('/e/', JSON.stringify({ event: 'x', distinct_id: who }));
    const badJson = await post('/batch/', '{"api_key": "x", "batch": [');
    const noDistinctId = await post(
      '/batch/',
      JSON.stringify({ api_key: token, batch: [{ event: 'kept?', distinct_id: who }, { event: 'no id' }] }),
    );
    const noEvent = await post('/batch/', JSON.stringify({ api_key: token, batch: [{ distinct_id: who }] }));

    expect(unknownToken).toMatchObject({
      status: 401,
      body: { type: 'authentication_error', code: 'invalid_api_key' },
    });
    expect(noToken).toMatchObject({ status: 401, body: { type: 'authentication_error', code: 'missing_api_key' } });
    expect(badJson.status).toBe(400);
    expect(Object.keys(badJson.body).sort()).toEqual(['attr', 'code', 'detail', 'type']);
    expect(noDistinctId).toMatchObject({ status: 400, body: { attr: 'distinct_id' } });
    expect(noDistinctId.body.detail).toContain('distinct_id');
    expect(noEvent).toMatchObject({ status: 400, body: { attr: 'event' } });
    // A good event sent after them arrives, and none of the refused requests' events ever do.
    await post('/e/', JSON.stringify({ event: 'marker', distinct_id: who, api_key: token }));
    const rows = await eventsOf([who], 1);
    expect(rows.map((row) => row.event)).toEqual(['marker']);
  });

  it('stores a re-sent batch once', async () => {
    const who = ids('resent');
    const body = JSON.stringify({
      api_key: token,
      batch: [1, 2, 3].map((n) => ({ event: `e${n}`, distinct_id: who, uuid: randomUUID() })),
    });
    for (let round = 0; round < 3; round++) expect((await post('/batch/', body)).status).toBe(200);
    await post('/e/', JSON.stringify({ event: 'marker', distinct_id: who, api_key: token }));

    const rows = await eventsOf([who], 4);
    expect(rows.map((row) => row.event).sort()).toEqual(['e1', 'e2', 'e3', 'marker']);
  });

  it('accepts a body of close to 20 MB', async () => {
    const who = ids('large');
    const pad = 'p'.repeat(900);
    const events = Array.from({ length: 20_000 }, (_, n) => ({
      event: 'large',
      distinct_id: who,
      properties: { n, pad },
    }));
    const body = JSON.stringify({ api_key: token, batch: events });
    expect(body.length).toBeGreaterThan(19_000_000);

    const answer = await post('/batch/', body);

    expect(answer).toEqual({ status: 200, body: { status: 1 } });
    const rows = await eventsOf([who], 20_000, 60_000);
    expect(rows).toHaveLength(20_000);
  }, 90_000);

  it('loses nothing it acknowledged while the insights service is down, and catches up once it is back', async () => {
    const who = ids('outage');
    const child = system.processes.get('insights')!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    try {
      for (let n = 0; n < 10; n++) {
        const batch = Array.from({ length: 50 }, (_, k) => ({ event: `b${n}`, distinct_id: `${who}-${k}` }));
        expect((await post('/batch/', JSON.stringify({ api_key: token, batch }))).status).toBe(200);
      }
    } finally {
      system.startProcess('insights');
    }
    const rows = await eventually(
      () => storedEvents('e.distinct_id LIKE $2', [`${who}-%`]),
      (found) => found.length >= 500,
      30_000,
    );
    expect(rows).toHaveLength(500);
  }, 60_000);
});

describe('admin events generate', () => {
  it('writes realistic traffic through ingestion, deterministically: the same seed again stores nothing new', async () => {
    const project = await system.admin('project', 'create', '--name', 'Generated');
    // A window of its own end: by default it ends at the current hour, which may turn between the two runs, and at
    // some hours the 6,000th event is an $identify whose signed_up would be the 6,001st.
    const generate = ['events', 'generate', '--project', String(project.id), '--count', '6000', '--seed', '9'];
    const until = ['--until', '2026-11-01T00:00:00Z'];
    expect(await system.admin(...generate, ...until)).toEqual({ inserted: 6000 });
    const counts = async (): Promise<Record<string, number>> => {
      const { rows } = await db.query(
        'SELECT event, count(*)::int AS n FROM insights.event WHERE project_id = $1 GROUP BY event',
        [project.id],
      );
      return Object.fromEntries(rows.map((row) => [row.event, row.n]));
    };
    const first = await counts();
    expect(Object.values(first).reduce((a, b) => a + b, 0)).toBe(6000);
    const { rows: span } = await db.query(
      `SELECT min(timestamp) AS earliest, max(timestamp) AS latest FROM insights.event WHERE project_id = $1`,
      [project.id],
    );
    expect(span[0].earliest.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-10-02T00:00:00Z'));
    expect(span[0].latest.getTime()).toBeLessThan(Date.parse('2026-11-01T00:00:00Z'));
    expect(first.$pageview! / 6000).toBeGreaterThan(0.9);
    expect(first.$identify).toBeGreaterThan(0);
    expect(first.signed_up).toBe(first.$identify);
    expect(first.purchase ?? 0).toBeLessThanOrEqual(first.signed_up!);

    await system.admin(...generate, ...until);
    expect(await counts()).toEqual(first);
  }, 60_000);
});
