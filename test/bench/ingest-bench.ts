import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { numberOption } from './bench-options.js';
import { type BenchSession, formatWall, runBenchSession, startBenchSystem } from './bench-session.js';
import { percentile } from './load.js';

/**
 * `pnpm bench ingest`: the system as separate processes on NATS; clients send 1,000-event batches to `/batch/` with
 * 8 in flight. Prints the events/s accepted (200 answered) and stored (queryable), and the lag from a batch's 200 to
 * its events being queryable (p50, p99), against the targets: ≥ 20,000 events/s, lag p99 ≤ 2 s.
 */

const BATCH_EVENTS = 1_000;
const IN_FLIGHT = 8;
const MIN_EVENTS_PER_SECOND = 20_000;
const MAX_LAG_P99_MS = 2_000;

const BROWSERS = ['Chrome', 'Safari', 'Firefox', 'Edge'];
const PATHS = ['/', '/pricing', '/docs', '/blog', '/signup'];

/** One `/batch/` body: realistic pageviews of 50 visitors, plus a marker event whose uuid the lag poller looks for. */
function batchBody(token: string, batchNo: number, marker: string): string {
  const now = Date.now();
  const batch = Array.from({ length: BATCH_EVENTS - 1 }, (_, n) => ({
    event: n % 20 === 0 ? 'signed_up' : '$pageview',
    distinct_id: `visitor-${batchNo % 400}-${n % 50}`,
    timestamp: new Date(now - n * 1000).toISOString(),
    properties: {
      $current_url: `https://example.com${PATHS[n % PATHS.length]}`,
      $pathname: PATHS[n % PATHS.length],
      $browser: BROWSERS[n % BROWSERS.length],
      $os: n % 2 ? 'Mac OS X' : 'Windows',
      $session_id: `s-${batchNo}-${n % 50}`,
      amount: n % 7,
    },
  }));
  batch.push({
    event: 'bench marker',
    distinct_id: `visitor-${batchNo % 400}-0`,
    timestamp: new Date(now).toISOString(),
    properties: {},
    uuid: marker,
  } as never);
  return JSON.stringify({ api_key: token, batch });
}

export async function runIngestBench(args: string[]): Promise<void> {
  const batches = numberOption(args, 'batches', 300);
  await runBenchSession(async (session: BenchSession) => {
    const started = Date.now();
    const { system, seed } = await startBenchSystem(session);
    const db = new pg.Client({ connectionString: system.database.url });
    await db.connect();
    session.defer(() => db.end());
    const url = new URL(system.baseUrl);
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    session.defer(() => agent.destroy());

    const post = (body: string) =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            path: '/batch/',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200 ? resolve() : reject(new Error(`/batch/ → ${res.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });

    session.log(`sending ${batches} batches of ${BATCH_EVENTS} events, ${IN_FLIGHT} in flight…`);
    const bodies = Array.from({ length: batches }, (_, n) => {
      const marker = randomUUID();
      return { marker, body: batchBody(seed.project.api_token, n, marker) };
    });
    const acknowledged = new Map<string, number>();
    const visible = new Map<string, number>();

    // Polls for the markers of acknowledged batches until all are visible.
    let polling = true;
    const poller = (async () => {
      while (polling || visible.size < acknowledged.size) {
        const waiting = [...acknowledged.keys()].filter((marker) => !visible.has(marker));
        if (waiting.length > 0) {
          const { rows } = await db.query('SELECT uuid FROM insights.event WHERE project_id = $1 AND uuid = ANY($2)', [
            seed.project.id,
            waiting,
          ]);
          const at = Date.now();
          for (const row of rows) visible.set(row.uuid, at);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    const sendStart = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < bodies.length) {
          const { marker, body } = bodies[next++]!;
          await post(body);
          acknowledged.set(marker, Date.now());
        }
      }),
    );
    const sendEnd = Date.now();
    polling = false;
    await poller;
    const storedEnd = Math.max(...visible.values());
    const { rows } = await db.query('SELECT count(*)::int AS n FROM insights.event WHERE project_id = $1', [
      seed.project.id,
    ]);
    const total = batches * BATCH_EVENTS;
    await session.cleanUp();

    const lags = [...acknowledged].map(([marker, at]) => visible.get(marker)! - at).sort((a, b) => a - b);
    const accepted = total / ((sendEnd - sendStart) / 1000);
    const stored = total / ((storedEnd - sendStart) / 1000);
    const lagP50 = percentile(lags, 50);
    const lagP99 = percentile(lags, 99);
    const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
    session.log(
      [
        '',
        `ingest: ${batches} batches × ${BATCH_EVENTS} events to /batch/, ${IN_FLIGHT} in flight (separate processes on NATS)`,
        `stored rows: ${rows[0].n} of ${total} sent`,
        `accepted (200 answered)  ${accepted.toFixed(0).padStart(8)} events/s   target ≥ ${MIN_EVENTS_PER_SECOND}   ${verdict(accepted >= MIN_EVENTS_PER_SECOND)}`,
        `stored (queryable)       ${stored.toFixed(0).padStart(8)} events/s   target ≥ ${MIN_EVENTS_PER_SECOND}   ${verdict(stored >= MIN_EVENTS_PER_SECOND)}`,
        `lag 200 → queryable      p50 ${lagP50.toFixed(0)} ms, p99 ${lagP99.toFixed(0)} ms   target p99 ≤ ${MAX_LAG_P99_MS} ms   ${verdict(lagP99 <= MAX_LAG_P99_MS)}`,
        `wall time ${formatWall(Date.now() - started)}`,
      ].join('\n'),
    );
    if (rows[0].n !== total) throw new Error(`stored ${rows[0].n} events of ${total}`);
  });
}
