import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type QueryBackend, runQuery } from '@insights/query-engine';
import pg from 'pg';
import { type BenchSession, runBenchSession, startBenchSystem } from './bench-session.js';
import { measureCancelToEnd } from './cancel-to-end.js';
import { generateBenchEventsLogged } from './generate-bench-events.js';
import { createLoadClient, type LatencyResult, type LoadClient, measureInRounds, type RoundSubject } from './load.js';
import { restartWithCpuProfile } from './profiled-process.js';
import { printQueriesReport, type QueriesReport, type QueryFigures } from './queries-report.js';
import { answerMismatch, BENCH_QUERIES, type BenchQuery, queryDays } from './query-floors.js';
import { connectSystemProbe, type ServiceProbe } from './service-probe.js';

const EVENT_DAYS = 30;
/** A query's calls per round: as many as fit in this (at least 1, at most MAX_CALLS_PER_ROUND). */
const ROUND_BUDGET_MS = 300;
const MAX_CALLS_PER_ROUND = 10;
const CACHED_WARMUP = 20;
/** How long the slow query runs before it is cancelled. */
const CANCEL_AFTER_MS = 200;
/** A new project's query settings (the gateway passes these to the insights service). */
const PROJECT_SETTINGS = { timezone: 'UTC', weekStartDay: 0 as const, testAccountFilters: [] };

function readOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: 'string', default: '1000000' },
      rounds: { type: 'string', default: '7' },
      'cached-requests': { type: 'string', default: '100' },
      cancels: { type: 'string', default: '10' },
      only: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const positive = (name: 'events' | 'rounds' | 'cached-requests' | 'cancels') => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  return {
    events: positive('events'),
    rounds: positive('rounds'),
    cachedRequests: positive('cached-requests'),
    cancels: positive('cancels'),
    /** Only the queries whose name contains this, uncached and cached (the cancel figure always runs). */
    only: values.only ?? null,
    /** Restarts the insights service under `node --cpu-prof` (profile written into this folder when it stops). */
    cpuProfDir: values['cpu-prof'] === undefined ? null : resolve(values['cpu-prof']),
  };
}

type Options = ReturnType<typeof readOptions>;

interface Bench {
  options: Options;
  log: (line: string) => void;
  projectId: number;
  http: LoadClient;
  /** The insights service's own calls over NATS, to tell the gateway's share from the service's. */
  probe: ServiceProbe;
  /** The floor's connections, in this process; the in-process engine runs on them too. */
  pool: pg.Pool;
}

/** The engine run in this process on the floor's connections: the same SQL as the service, without any hop. */
function inProcessEngine(pool: pg.Pool, projectId: number) {
  const backend: QueryBackend = {
    async execute(statement) {
      const { rows } = await pool.query({ text: statement.sql, values: [...statement.parameters] });
      return rows as never;
    },
  };
  return (node: unknown) =>
    runQuery(node, { project: PROJECT_SETTINGS, projectId, now: new Date(), schema: 'insights', backend });
}

function roundLogger(bench: Bench, figure: string) {
  return (round: number, name: string, result: LatencyResult) =>
    bench.log(
      `${figure.slice(0, 30).padEnd(30)} round ${round + 1}/${bench.options.rounds} ${name.padEnd(16)} p50 ${result.p50Ms.toFixed(2).padStart(9)} ms (${result.requests} calls)`,
    );
}

/**
 * One query: checked once against its floor (the same numbers, or the bench stops), then the full path
 * (`POST /query/`, `force_blocking`), the insights service's `query` called over NATS, the engine in this process
 * and the floor, alternated in every round.
 */
async function measureQuery(bench: Bench, query: BenchQuery): Promise<QueryFigures> {
  const { http, pool, projectId, probe } = bench;
  const path = `/api/projects/${projectId}/query/`;
  const full = () => http.send('POST', path, { query: query.node, refresh: 'force_blocking' });
  const service = () =>
    probe.services.insights.query.mutate(
      { query: query.node, clientQueryId: null, refresh: 'force_blocking', settings: PROJECT_SETTINGS },
      probe.call(),
    );
  const engine = inProcessEngine(pool, projectId);
  const floor = () => pool.query(query.floor(projectId, queryDays(new Date())));

  const started = performance.now();
  const answer = JSON.parse((await full()).body) as { results: unknown; is_cached: boolean };
  const fullMs = performance.now() - started;
  const { rows } = await floor();
  const mismatch = answerMismatch(query.fromEngine(answer.results), query.fromFloor(rows));
  if (mismatch) throw new Error(`the floor of "${query.name}" does not give the engine's answer: ${mismatch}`);
  await engine(query.node);
  await service();
  const numbers = query.fromFloor(rows).size;
  bench.log(
    `${query.name}: the floor gives the engine's ${numbers} numbers; first full-path call ${fullMs.toFixed(0)} ms`,
  );

  const calls = Math.max(1, Math.min(MAX_CALLS_PER_ROUND, Math.floor(ROUND_BUDGET_MS / fullMs)));
  const subjects: RoundSubject[] = [
    { name: 'full path', call: () => full },
    { name: 'insights.query', call: () => service },
    { name: 'engine in-proc', call: () => () => engine(query.node) },
    { name: 'floor', call: () => floor },
  ];
  const rounds = await measureInRounds(
    subjects,
    { rounds: bench.options.rounds, warmup: 0, requests: calls },
    roundLogger(bench, query.name),
  );
  return {
    name: query.name,
    maxRatio: query.maxRatio,
    full: rounds.get('full path') ?? [],
    service: rounds.get('insights.query') ?? [],
    engine: rounds.get('engine in-proc') ?? [],
    floor: rounds.get('floor') ?? [],
  };
}

/**
 * Cached results (`POST /query/` in the default `blocking` mode, right after a computation) of every query, next to
 * a plain retrieve of an insight that has no results, alternated in rounds.
 */
async function measureCachedResults(bench: Bench, queries: readonly BenchQuery[]) {
  const { http, projectId } = bench;
  const created = await http.send('POST', `/api/projects/${projectId}/insights/`, {
    name: 'Never computed',
    query: {
      kind: 'InsightVizNode',
      source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: 'signed_up' }] },
    },
  });
  const insightPath = `/api/projects/${projectId}/insights/${JSON.parse(created.body).id}/`;
  if (JSON.parse(await http.get(insightPath)).result !== null) throw new Error('the plain insight has results');

  const path = `/api/projects/${projectId}/query/`;
  const cached = (query: BenchQuery) => () => http.send('POST', path, { query: query.node });
  const checkServedFromCache = async () => {
    for (const query of queries) {
      const answer = JSON.parse((await cached(query)()).body) as { is_cached?: boolean };
      if (answer.is_cached !== true) throw new Error(`"${query.name}" was not served from the cache`);
    }
  };
  await checkServedFromCache();
  const subjects: RoundSubject[] = [
    { name: 'retrieve', call: () => () => http.get(insightPath) },
    ...queries.map((query) => ({ name: query.name, call: () => cached(query) })),
  ];
  const rounds = await measureInRounds(
    subjects,
    { rounds: bench.options.rounds, warmup: CACHED_WARMUP, requests: bench.options.cachedRequests },
    (round, name, result) =>
      bench.log(
        `cached ${name.slice(0, 30).padEnd(30)} round ${round + 1}/${bench.options.rounds} p50 ${result.p50Ms.toFixed(2).padStart(7)} ms`,
      ),
  );
  await checkServedFromCache();
  return {
    retrieve: rounds.get('retrieve') ?? [],
    queries: queries.map((query) => ({ name: query.name, rounds: rounds.get(query.name) ?? [] })),
  };
}

/**
 * `pnpm bench queries`: the system as separate processes on NATS, `--events` (1,000,000) generated events over 30
 * days; six insight queries through `POST /query/` uncached, each next to a hand-written SQL floor for the same
 * answer run from this process on the same tables (and, to tell where the time goes, the insights service's call over
 * NATS and the engine itself run here); the cached-result p50 next to a plain retrieve; and the time from a cancel to
 * the cancelled query's end. `--events N --rounds R` for quick runs; `--only <name part>`; `--cpu-prof DIR`.
 */
export async function runQueriesBench(args: string[]): Promise<void> {
  const startedAt = performance.now();
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const options = readOptions(args);
  await runBenchSession(async (session: BenchSession) => {
    const { log } = session;
    const { system, seed, logs } = await startBenchSystem(session);
    const projectId = seed.project.id as number;

    await generateBenchEventsLogged(system, log, {
      projectId,
      count: options.events,
      days: EVENT_DAYS,
    });

    if (options.cpuProfDir) {
      mkdirSync(options.cpuProfDir, { recursive: true });
      await restartWithCpuProfile(system, 'insights', options.cpuProfDir, logs);
      log(`profiling insights: a .cpuprofile in ${options.cpuProfDir} once it stops`);
    }
    const pool = new pg.Pool({ connectionString: system.database.url, max: 2, application_name: 'bench-floor' });
    session.defer(() => pool.end());
    const http = createLoadClient(
      { name: 'full path', baseUrl: system.baseUrl, headers: { authorization: `Bearer ${seed.key}` } },
      4,
    );
    session.defer(() => http.close());
    const probe = await connectSystemProbe(system, seed);
    session.defer(() => probe.close());
    const bench: Bench = { options, log, projectId, http, probe, pool };

    const queries = BENCH_QUERIES.filter((query) => !options.only || query.name.includes(options.only));
    const figures: QueryFigures[] = [];
    for (const query of queries) figures.push(await measureQuery(bench, query));
    const cached = await measureCachedResults(bench, queries);
    log(`cancelling the slow query ${options.cancels} times, ${CANCEL_AFTER_MS} ms after it started…`);
    const cancel = await measureCancelToEnd(http, { projectId, samples: options.cancels, runningMs: CANCEL_AFTER_MS });

    const report: QueriesReport = {
      events: options.events,
      rounds: options.rounds,
      queries: figures,
      cached,
      cancel,
      loadAverage: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN },
      wallMs: 0,
    };
    await session.cleanUp();
    report.wallMs = performance.now() - startedAt;
    printQueriesReport(report);
  });
}
