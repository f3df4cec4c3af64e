import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Principal } from '@insights/scope-auth';
import pg from 'pg';
import { measureActivityLag } from './activity-lag.js';
import { runBenchSession, startBenchSystem } from './bench-session.js';
import { type EndpointsReport, printEndpointsReport } from './endpoints-report.js';
import { type EventsHandled, eventsHandledWatcher } from './events-handled.js';
import { activityFloor } from './floor-activity.js';
import { bulkTagsFloor, createFloorOutbox } from './floor-bulk-tags.js';
import { viewsFloor } from './floor-views.js';
import {
  createLoadClient,
  type LatencyResult,
  type LoadClient,
  measureInRounds,
  type RoundSubject,
  seededRandom,
} from './load.js';
import { restartWithCpuProfile } from './profiled-process.js';
import { seedActivity } from './seed-activity.js';
import { seedInsights } from './seed-insights.js';
import { seedViews } from './seed-views.js';
import { benchPrincipal, connectSystemProbe, type ServiceProbe } from './service-probe.js';

const TAG_POOL = 50;
const TAGS_PER_INSIGHT = 3;
const BULK_IDS = 500;
const BULK_TAGS = 20;
const VIEWED_IDS = 2500;
const ACTIVITY_LIMIT = 100;
const ACTIVITY_FAR_PAGE = 1000;
const VIEW_DAYS = 30;
const TRENDING_PAGE = { days: 7, limit: 10, offset: 0 };
const LAG_POLL_MS = 2;
const LAG_WARMUP = 10;
const READ_WARMUP = 100;

const FIGURES = ['views', 'activity', 'viewed', 'bulk', 'lag'] as const;
type Figure = (typeof FIGURES)[number];
const APPS = ['gateway', 'insights', 'tagging', 'views', 'activity'];

function readOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      rounds: { type: 'string', default: '3' },
      'bulk-requests': { type: 'string', default: '14' },
      'bulk-service': { type: 'boolean', default: false },
      'viewed-requests': { type: 'string', default: '60' },
      'trending-requests': { type: 'string', default: '60' },
      'read-requests': { type: 'string', default: '150' },
      'lag-samples': { type: 'string', default: '200' },
      insights: { type: 'string', default: '10000' },
      'activity-entries': { type: 'string', default: '1000000' },
      views: { type: 'string', default: '100000' },
      viewers: { type: 'string', default: '200' },
      only: { type: 'string', default: FIGURES.join(',') },
      'cpu-prof': { type: 'string' },
      'cpu-prof-apps': { type: 'string', default: APPS.join(',') },
    },
  });
  const positive = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  const listOf = <T extends string>(name: keyof typeof values, allowed: readonly T[]) => {
    const items = String(values[name])
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    for (const item of items) {
      if (!allowed.includes(item as T)) throw new Error(`--${name}: ${item} is not one of ${allowed.join(', ')}`);
    }
    return new Set(items as T[]);
  };
  const options = {
    rounds: positive('rounds'),
    bulkRequests: positive('bulk-requests'),
    bulkService: values['bulk-service'] === true,
    viewedRequests: positive('viewed-requests'),
    trendingRequests: positive('trending-requests'),
    readRequests: positive('read-requests'),
    lagSamples: positive('lag-samples'),
    insights: positive('insights'),
    activityEntries: positive('activity-entries'),
    views: positive('views'),
    viewers: positive('viewers'),
    only: listOf<Figure>('only', FIGURES),
    cpuProfDir: values['cpu-prof'] === undefined ? null : resolve(values['cpu-prof']),
    cpuProfApps: listOf('cpu-prof-apps', APPS),
  };
  // Every measurement of bulk_update_tags alternates add and remove, and must leave the tags as it found them.
  if (options.bulkRequests % 2 !== 0) throw new Error('--bulk-requests must be even');
  if (options.insights < Math.max(VIEWED_IDS, BULK_IDS)) throw new Error(`--insights must be at least ${VIEWED_IDS}`);
  return options;
}

type Options = ReturnType<typeof readOptions>;

/** What every phase measures with: the system's project, a floor connection, an HTTP client and a service probe. */
interface Bench {
  options: Options;
  log: (line: string) => void;
  projectId: number;
  principal: Principal;
  insightIds: number[];
  /** The floor's bare connection (also used, untimed, to wait for events and to vacuum). */
  db: pg.Client;
  http: LoadClient;
  probe: ServiceProbe;
  /** `/api/projects/:id/insights` */
  api: string;
  /** Waits (polling `db`) until activity and views handled every insight event written since the previous wait. */
  waitForEventsHandled: () => Promise<EventsHandled>;
}

/** `count` distinct ids drawn from `ids` (a partial Fisher-Yates shuffle with the given random source). */
function sampleIds(ids: readonly number[], count: number, random: () => number): number[] {
  const pool = [...ids];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  return pool.slice(0, count);
}

function roundLogger(bench: Bench, figure: string) {
  return (round: number, name: string, result: LatencyResult) =>
    bench.log(
      `${figure.padEnd(15)} round ${round + 1}/${bench.options.rounds} ${name.padEnd(24)} p50 ${result.p50Ms.toFixed(2).padStart(8)} ms   p99 ${result.p99Ms.toFixed(2).padStart(8)} ms`,
    );
}

/**
 * This PostgreSQL may run without autovacuum (`SHOW autovacuum`): then the dead rows a write-heavy measurement leaves
 * would slow every later one. Vacuuming the tables it churns before each measurement does what autovacuum would.
 */
function vacuum(bench: Bench, tables: readonly string[]) {
  return async () => {
    await bench.db.query(`VACUUM ${tables.join(', ')}`);
  };
}

/** 4. my_last_viewed and trending over the seeded views, before anything else writes views. */
async function measureViewReads(bench: Bench) {
  const { http, api, probe, options } = bench;
  const floor = viewsFloor(bench.db, bench.principal);
  const plan = { rounds: options.rounds, warmup: READ_WARMUP, requests: options.readRequests };
  const lastViewed = await measureInRounds(
    [
      { name: 'last_viewed floor', call: () => () => floor.lastViewed() },
      { name: 'last_viewed full', call: () => () => http.get(`${api}/my_last_viewed/`) },
      {
        name: 'views.lastViewed',
        call: () => () => probe.services.views.lastViewed.query(undefined, probe.call()),
      },
    ],
    plan,
    roundLogger(bench, 'my_last_viewed'),
  );
  const trending = await measureInRounds(
    [
      { name: 'trending floor', call: () => () => floor.trending(TRENDING_PAGE) },
      { name: 'trending full', call: () => () => http.get(`${api}/trending/`) },
      {
        name: 'views.trending',
        call: () => () => probe.services.views.trending.query(TRENDING_PAGE, probe.call()),
      },
    ],
    { ...plan, warmup: 20, requests: options.trendingRequests },
    roundLogger(bench, 'trending'),
  );
  return new Map([...lastViewed, ...trending]);
}

/** 3. Pages 1 and 1,000 of the seeded activity log, before anything adds entries. */
async function measureActivityPages(bench: Bench) {
  const { http, api, probe, options } = bench;
  const floor = activityFloor(bench.db, bench.projectId);
  const path = (page: number) => `${api}/activity/?limit=${ACTIVITY_LIMIT}&page=${page}`;
  const first = JSON.parse(await http.get(path(1))) as { total_count: number; results: unknown[] };
  const far = JSON.parse(await http.get(path(ACTIVITY_FAR_PAGE))) as { results: unknown[] };
  const farExpected = Math.max(
    0,
    Math.min(ACTIVITY_LIMIT, options.activityEntries - (ACTIVITY_FAR_PAGE - 1) * ACTIVITY_LIMIT),
  );
  if (first.total_count !== options.activityEntries || first.results.length !== ACTIVITY_LIMIT) {
    throw new Error(`activity page 1 is not what was seeded: total_count ${first.total_count}`);
  }
  if (far.results.length !== farExpected) throw new Error(`activity page ${ACTIVITY_FAR_PAGE} is not what was seeded`);
  const subjects = (page: number): RoundSubject[] => [
    { name: `page ${page} floor`, call: () => () => floor.page(ACTIVITY_LIMIT, page) },
    { name: `page ${page} full`, call: () => () => http.get(path(page)) },
    {
      name: `page ${page} activity.list`,
      call: () => () =>
        probe.services.activity.list.query(
          { scope: 'Insight', limit: ACTIVITY_LIMIT, page, pageUrl: 'http://localhost/' },
          probe.call(),
        ),
    },
  ];
  return measureInRounds(
    [...subjects(1), ...subjects(ACTIVITY_FAR_PAGE)],
    { rounds: options.rounds, warmup: READ_WARMUP, requests: options.readRequests },
    roundLogger(bench, 'activity pages'),
  );
}

/** 2. viewed with 2,500 ids: every subject of a round records views of the same sequence of samples. */
async function measureViewed(bench: Bench) {
  const { http, api, probe, options } = bench;
  const floor = viewsFloor(bench.db, bench.principal);
  floor.viewedSteps.clear();
  const samples = (round: number) => {
    const random = seededRandom(3000 + round);
    return () => sampleIds(bench.insightIds, VIEWED_IDS, random);
  };
  const prepare = vacuum(bench, ['views.insight_viewed', 'views.user_profile']);
  const rounds = await measureInRounds(
    [
      {
        name: 'viewed floor',
        prepare,
        call: (round) => {
          const next = samples(round);
          return () => floor.recordViews(next());
        },
      },
      {
        name: 'viewed full',
        prepare,
        call: (round) => {
          const next = samples(round);
          return () => http.send('POST', `${api}/viewed/`, { insight_ids: next() });
        },
      },
      {
        name: 'views.recordViews',
        prepare,
        call: (round) => {
          const next = samples(round);
          return () => probe.services.views.recordViews.mutate({ insightIds: next() }, probe.call());
        },
      },
      {
        name: 'insights.accessible',
        call: (round) => {
          const next = samples(round);
          return () => probe.services.insights.accessible.query({ ids: next(), level: 'viewer' }, probe.call());
        },
      },
    ],
    { rounds: options.rounds, warmup: 10, requests: options.viewedRequests },
    roundLogger(bench, 'viewed'),
  );
  return { rounds, floorSteps: floor.viewedSteps.medians() };
}

/**
 * 1. bulk_update_tags, 500 ids × 20 tags, add then remove, so every call changes 10,000 taggings and each measurement
 * leaves the tags as it found them. After each call of the real path, untimed, the consumers handle its 500 events, so
 * no call pays for its predecessor's.
 */
async function measureBulkTags(bench: Bench) {
  const { http, api, probe, options } = bench;
  const ids = sampleIds(bench.insightIds, BULK_IDS, seededRandom(4000));
  const tags = Array.from({ length: BULK_TAGS }, (_, i) => `bench-tag-${String(i).padStart(2, '0')}`);
  const floor = bulkTagsFloor(bench.db, bench.principal);
  const settles: EventsHandled[] = [];
  const settle = async () => {
    settles.push(await bench.waitForEventsHandled());
  };
  const alternating = () => {
    let calls = 0;
    return () => (calls++ % 2 === 0 ? 'add' : 'remove') as 'add' | 'remove';
  };
  const request = (action: 'add' | 'remove') => http.send('POST', `${api}/bulk_update_tags/`, { ids, action, tags });

  const added = JSON.parse((await request('add')).body) as { updated: { tags: string[] }[] };
  if (added.updated.length !== BULK_IDS || added.updated.some((u) => u.tags.length !== BULK_TAGS + TAGS_PER_INSIGHT)) {
    throw new Error('bulk_update_tags did not add every tag to every insight');
  }
  await request('remove');
  await settle();
  settles.length = 0;

  const prepare = vacuum(bench, ['tagging.tagged_item', 'tagging.tag', 'insights.insight', 'insights.outbox']);
  const subjects: RoundSubject[] = [
    {
      name: 'bulk floor',
      prepare,
      call: () => {
        const action = alternating();
        return () => floor.apply(ids, action(), tags);
      },
    },
    {
      name: 'bulk full',
      prepare,
      call: () => {
        const action = alternating();
        return () => request(action());
      },
      between: settle,
    },
  ];
  if (options.bulkService) {
    subjects.push({
      name: 'insights.bulkUpdateTags',
      prepare,
      call: () => {
        const action = alternating();
        return () => probe.services.insights.bulkUpdateTags.mutate({ ids, action: action(), tags }, probe.call());
      },
      between: settle,
    });
  }
  floor.steps.clear();
  const rounds = await measureInRounds(
    subjects,
    { rounds: options.rounds, warmup: 2, requests: options.bulkRequests },
    roundLogger(bench, 'bulk tags'),
  );
  return { rounds, floorSteps: floor.steps.medians(), settles };
}

async function seedAll(
  bench: Omit<Bench, 'insightIds' | 'http' | 'probe' | 'db' | 'waitForEventsHandled'>,
  databaseUrl: string,
  userId: number,
) {
  const { options, log, projectId } = bench;
  const seeding: { what: string; ms: number }[] = [];
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    const ms = performance.now() - started;
    seeding.push({ what, ms });
    log(`seeded ${what} in ${(ms / 1000).toFixed(1)} s`);
    return result;
  };
  const insightIds = await timed(`${options.insights} insights with ${TAGS_PER_INSIGHT} tags each`, () =>
    seedInsights({
      databaseUrl,
      projectId,
      userId,
      insights: options.insights,
      tagPool: TAG_POOL,
      tagsPerInsight: TAGS_PER_INSIGHT,
    }),
  );
  await timed(`${options.views} views by ${options.viewers} users over ${VIEW_DAYS} days`, () =>
    seedViews({
      databaseUrl,
      projectId,
      userId,
      insightIds,
      viewers: options.viewers,
      views: options.views,
      days: VIEW_DAYS,
    }),
  );
  if (options.only.has('activity')) {
    await timed(`${options.activityEntries} activity entries`, () =>
      seedActivity({
        databaseUrl,
        projectId,
        organizationId: bench.principal.organizationId,
        actor: { first_name: bench.principal.user.first_name, email: bench.principal.user.email },
        insightIds,
        entries: options.activityEntries,
      }),
    );
  }
  return { insightIds, seeding };
}

/**
 * `pnpm bench endpoints`: bulk_update_tags, viewed, the activity log, my_last_viewed and trending through the gateway
 * (separate processes on PostgreSQL and NATS), each against a floor running the same SQL from a bare pg client in this
 * process, in alternating rounds, with the services' own calls over NATS beside them; then the lag from a change's 2xx
 * to its activity entry being readable. `--only views,activity,viewed,bulk,lag` picks figures; `--cpu-prof DIR`
 * restarts the apps of `--cpu-prof-apps` under `node --cpu-prof` first.
 */
export async function runEndpointsBench(args: string[]): Promise<void> {
  const startedAt = performance.now();
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const options = readOptions(args);
  await runBenchSession(async (session) => {
    const { log } = session;
    const { system, seed, logs } = await startBenchSystem(session);
    const projectId = seed.project.id as number;
    const principal = benchPrincipal(seed);
    const api = `/api/projects/${projectId}/insights`;
    const { insightIds, seeding } = await seedAll(
      { options, log, projectId, principal, api },
      system.database.url,
      seed.user.id,
    );

    const db = new pg.Client({ connectionString: system.database.url, application_name: 'bench-floor' });
    await db.connect();
    session.defer(() => db.end());
    // The seeding's dirty pages go to disk now, not in a checkpoint in the middle of a measurement.
    await db.query('CHECKPOINT');
    await createFloorOutbox(db);
    const autovacuum = (await db.query<{ autovacuum: string }>('SHOW autovacuum')).rows[0]?.autovacuum ?? '?';
    const profileDir = options.cpuProfDir;
    if (profileDir) {
      mkdirSync(profileDir, { recursive: true });
      for (const app of options.cpuProfApps) await restartWithCpuProfile(system, app, profileDir, logs);
      log(`profiling ${[...options.cpuProfApps].join(', ')}: .cpuprofile files in ${profileDir} once they stop`);
    }
    const http = createLoadClient(
      { name: 'full path', baseUrl: system.baseUrl, headers: { authorization: `Bearer ${seed.key}` } },
      4,
    );
    session.defer(() => http.close());
    const probe = await connectSystemProbe(system, seed);
    session.defer(() => probe.close());
    const waitForEventsHandled = eventsHandledWatcher(db);
    const bench: Bench = { options, log, projectId, principal, insightIds, db, http, probe, api, waitForEventsHandled };

    const report: EndpointsReport = {
      options,
      seeding,
      autovacuum,
      loadAverage: { start: loadAtStart, end: Number.NaN },
      activityFarPage: ACTIVITY_FAR_PAGE,
      lagPollMs: LAG_POLL_MS,
      wallMs: 0,
    };
    if (options.only.has('views')) report.views = await measureViewReads(bench);
    if (options.only.has('activity')) report.activityPages = await measureActivityPages(bench);
    if (options.only.has('viewed')) report.viewed = await measureViewed(bench);
    if (options.only.has('bulk')) report.bulk = await measureBulkTags(bench);
    if (options.only.has('lag')) {
      await bench.waitForEventsHandled();
      log(`measuring activity lag (${options.lagSamples} renames)…`);
      report.lag = await measureActivityLag(http, {
        projectId,
        insightIds,
        warmup: LAG_WARMUP,
        samples: options.lagSamples,
        pollMs: LAG_POLL_MS,
      });
    }

    report.loadAverage.end = loadavg()[0] ?? Number.NaN;
    await session.cleanUp();
    report.wallMs = performance.now() - startedAt;
    printEndpointsReport(report);
  });
}
