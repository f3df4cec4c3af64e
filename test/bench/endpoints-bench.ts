import { parseArgs } from 'node:util';
import pg from 'pg';
import { measureActivityLag } from './activity-lag.js';
import { runBenchSession, startBenchSystem } from './bench-session.js';
import { printEndpointsReport } from './endpoints-report.js';
import { waitForEventsHandled } from './events-handled.js';
import { activityFloor } from './floor-activity.js';
import { bulkTagsFloor, createFloorOutbox } from './floor-bulk-tags.js';
import { viewsFloor } from './floor-views.js';
import { createLoadClient, type LatencyResult, measureInRounds, type RoundSubject, seededRandom } from './load.js';
import { seedActivity } from './seed-activity.js';
import { seedInsights } from './seed-insights.js';
import { seedViews } from './seed-views.js';
import { benchPrincipal, connectSystemProbe } from './service-probe.js';

const TAG_POOL = 50;
const TAGS_PER_INSIGHT = 3;
const BULK_IDS = 500;
const BULK_TAGS = 20;
const VIEWED_IDS = 2500;
const ACTIVITY_LIMIT = 100;
const ACTIVITY_FAR_PAGE = 1000;
const VIEW_DAYS = 30;
const LAG_POLL_MS = 2;
const LAG_WARMUP = 10;

function readOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      rounds: { type: 'string', default: '3' },
      'bulk-requests': { type: 'string', default: '10' },
      'viewed-requests': { type: 'string', default: '50' },
      'trending-requests': { type: 'string', default: '60' },
      'read-requests': { type: 'string', default: '150' },
      'lag-samples': { type: 'string', default: '200' },
      insights: { type: 'string', default: '10000' },
      'activity-entries': { type: 'string', default: '1000000' },
      views: { type: 'string', default: '100000' },
      viewers: { type: 'string', default: '200' },
    },
  });
  const positive = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  const options = {
    rounds: positive('rounds'),
    bulkRequests: positive('bulk-requests'),
    viewedRequests: positive('viewed-requests'),
    trendingRequests: positive('trending-requests'),
    readRequests: positive('read-requests'),
    lagSamples: positive('lag-samples'),
    insights: positive('insights'),
    activityEntries: positive('activity-entries'),
    views: positive('views'),
    viewers: positive('viewers'),
  };
  // Every measurement of bulk_update_tags alternates add and remove, and must leave the tags as it found them.
  if (options.bulkRequests % 2 !== 0) throw new Error('--bulk-requests must be even');
  if (options.insights < VIEWED_IDS) throw new Error(`--insights must be at least ${VIEWED_IDS}`);
  return options;
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

/**
 * `pnpm bench endpoints`: bulk_update_tags, viewed, the activity log, my_last_viewed and trending through the gateway
 * (separate processes on PostgreSQL and NATS), each against a floor running the same SQL from a bare pg client in this
 * process, in alternating rounds; the services' own calls over NATS beside them; then the lag from a change's 2xx to
 * its activity entry being readable.
 */
export async function runEndpointsBench(args: string[]): Promise<void> {
  const startedAt = performance.now();
  const options = readOptions(args);
  await runBenchSession(async (session) => {
    const { log } = session;
    const { system, seed } = await startBenchSystem(session);
    const projectId = seed.project.id as number;
    const principal = benchPrincipal(seed);
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
        databaseUrl: system.database.url,
        projectId,
        userId: seed.user.id,
        insights: options.insights,
        tagPool: TAG_POOL,
        tagsPerInsight: TAGS_PER_INSIGHT,
      }),
    );
    await timed(`${options.views} views by ${options.viewers} users over ${VIEW_DAYS} days`, () =>
      seedViews({
        databaseUrl: system.database.url,
        projectId,
        userId: seed.user.id,
        insightIds,
        viewers: options.viewers,
        views: options.views,
        days: VIEW_DAYS,
      }),
    );
    await timed(`${options.activityEntries} activity entries`, () =>
      seedActivity({
        databaseUrl: system.database.url,
        projectId,
        organizationId: seed.org.id,
        actor: { first_name: seed.user.first_name, email: seed.user.email },
        insightIds,
        entries: options.activityEntries,
      }),
    );

    const db = new pg.Client({ connectionString: system.database.url, application_name: 'bench-floor' });
    await db.connect();
    session.defer(() => db.end());
    // The seeding's dirty pages go to disk now, not in a checkpoint in the middle of a measurement.
    await db.query('CHECKPOINT');
    await createFloorOutbox(db);
    const http = createLoadClient(
      { name: 'full path', baseUrl: system.baseUrl, headers: { authorization: `Bearer ${seed.key}` } },
      4,
    );
    session.defer(() => http.close());
    const probe = await connectSystemProbe(system, seed);
    session.defer(() => probe.close());
    const { services } = probe;

    const api = `/api/projects/${projectId}/insights`;
    const onRound = (figure: string) => (round: number, name: string, result: LatencyResult) =>
      log(
        `${figure.padEnd(16)} round ${round + 1}/${options.rounds} ${name.padEnd(26)} p50 ${result.p50Ms.toFixed(2).padStart(8)} ms   p99 ${result.p99Ms.toFixed(2).padStart(8)} ms`,
      );
    const readPlan = { rounds: options.rounds, warmup: 30, requests: options.readRequests };

    // 4. my_last_viewed and trending, before anything else writes views.
    const viewsFloorCalls = viewsFloor(db, principal);
    const lastViewed = await measureInRounds(
      [
        { name: 'last_viewed floor', call: () => () => viewsFloorCalls.lastViewed() },
        { name: 'last_viewed full', call: () => () => http.get(`${api}/my_last_viewed/`) },
        { name: 'views.lastViewed', call: () => () => services.views.lastViewed.query(undefined, probe.call()) },
      ],
      readPlan,
      onRound('my_last_viewed'),
    );
    const trending = await measureInRounds(
      [
        {
          name: 'trending floor',
          call: () => () => viewsFloorCalls.trending({ days: 7, limit: 10, offset: 0 }),
        },
        { name: 'trending full', call: () => () => http.get(`${api}/trending/`) },
        {
          name: 'views.trending',
          call: () => () => services.views.trending.query({ days: 7, limit: 10, offset: 0 }, probe.call()),
        },
      ],
      { ...readPlan, warmup: 10, requests: options.trendingRequests },
      onRound('trending'),
    );

    // 3. The activity log at its seeded size, before anything adds entries.
    const activity = activityFloor(db, projectId);
    const firstPage = JSON.parse(await http.get(`${api}/activity/?limit=${ACTIVITY_LIMIT}&page=1`));
    const farPage = JSON.parse(await http.get(`${api}/activity/?limit=${ACTIVITY_LIMIT}&page=${ACTIVITY_FAR_PAGE}`));
    if (firstPage.total_count !== options.activityEntries || firstPage.results.length !== ACTIVITY_LIMIT) {
      throw new Error(`activity page 1 is not what was seeded: total_count ${firstPage.total_count}`);
    }
    const farExpected = Math.max(
      0,
      Math.min(ACTIVITY_LIMIT, options.activityEntries - (ACTIVITY_FAR_PAGE - 1) * ACTIVITY_LIMIT),
    );
    if (farPage.results.length !== farExpected) throw new Error(`activity page ${ACTIVITY_FAR_PAGE} is not full`);
    const pageSubjects = (page: number): RoundSubject[] => [
      { name: `page ${page} floor`, call: () => () => activity.page(ACTIVITY_LIMIT, page) },
      {
        name: `page ${page} full`,
        call: () => () => http.get(`${api}/activity/?limit=${ACTIVITY_LIMIT}&page=${page}`),
      },
      {
        name: `page ${page} activity.list`,
        call: () => () => services.activity.list.query({ scope: 'Insight', limit: ACTIVITY_LIMIT, page }, probe.call()),
      },
    ];
    const activityPages = await measureInRounds(
      [...pageSubjects(1), ...pageSubjects(ACTIVITY_FAR_PAGE)],
      readPlan,
      onRound('activity pages'),
    );

    // 2. viewed: every subject of a round records views of the same sequence of 2,500-id samples.
    const viewedIds = (round: number) => {
      const random = seededRandom(3000 + round);
      return () => sampleIds(insightIds, VIEWED_IDS, random);
    };
    const viewed = await measureInRounds(
      [
        {
          name: 'viewed floor',
          call: (round) => {
            const next = viewedIds(round);
            return () => viewsFloorCalls.recordViews(next());
          },
        },
        {
          name: 'viewed full',
          call: (round) => {
            const next = viewedIds(round);
            return () => http.send('POST', `${api}/viewed/`, { insight_ids: next() });
          },
        },
        {
          name: 'views.recordViews',
          call: (round) => {
            const next = viewedIds(round);
            return () => services.views.recordViews.mutate({ insightIds: next() }, probe.call());
          },
        },
      ],
      { rounds: options.rounds, warmup: 10, requests: options.viewedRequests },
      onRound('viewed'),
    );

    // 1. bulk_update_tags: 500 ids × 20 tags, add then remove, so every call changes 10,000 taggings and the tags are
    // back as they were after each measurement. After each call of the real path, untimed, the consumers get to handle
    // its 500 events, so no call pays for its predecessor's.
    const bulkIds = sampleIds(insightIds, BULK_IDS, seededRandom(4000));
    const bulkTags = Array.from({ length: BULK_TAGS }, (_, i) => `bench-tag-${String(i).padStart(2, '0')}`);
    const alternating = () => {
      let calls = 0;
      return () => (calls++ % 2 === 0 ? 'add' : 'remove') as 'add' | 'remove';
    };
    const bulkFloor = bulkTagsFloor(db, principal);
    const settleTimes: number[] = [];
    const settle = async () => {
      settleTimes.push(await waitForEventsHandled(db));
    };
    const check = await http.send('POST', `${api}/bulk_update_tags/`, { ids: bulkIds, action: 'add', tags: bulkTags });
    const checked = JSON.parse(check.body) as { updated: { tags: string[] }[]; skipped: unknown[] };
    if (
      checked.updated.length !== BULK_IDS ||
      checked.updated.some((u) => u.tags.length !== BULK_TAGS + TAGS_PER_INSIGHT)
    ) {
      throw new Error(`bulk_update_tags did not tag every insight: ${check.body.slice(0, 300)}`);
    }
    await http.send('POST', `${api}/bulk_update_tags/`, { ids: bulkIds, action: 'remove', tags: bulkTags });
    await settle();
    settleTimes.length = 0;
    const bulk = await measureInRounds(
      [
        {
          name: 'bulk floor',
          call: () => {
            const action = alternating();
            return () => bulkFloor.apply(bulkIds, action(), bulkTags);
          },
        },
        {
          name: 'bulk full',
          call: () => {
            const action = alternating();
            return () =>
              http.send('POST', `${api}/bulk_update_tags/`, { ids: bulkIds, action: action(), tags: bulkTags });
          },
          between: settle,
        },
        {
          name: 'insights.bulkUpdateTags',
          call: () => {
            const action = alternating();
            return () =>
              services.insights.bulkUpdateTags.mutate({ ids: bulkIds, action: action(), tags: bulkTags }, probe.call());
          },
          between: settle,
        },
      ],
      { rounds: options.rounds, warmup: 2, requests: options.bulkRequests },
      onRound('bulk tags'),
    );

    // 5. Activity lag, with every event so far handled.
    await settle();
    log(`measuring activity lag (${options.lagSamples} renames)…`);
    const lag = await measureActivityLag(http, {
      projectId,
      insightIds,
      warmup: LAG_WARMUP,
      samples: options.lagSamples,
      pollMs: LAG_POLL_MS,
    });

    await session.cleanUp();
    printEndpointsReport({
      options,
      seeding,
      views: new Map([...lastViewed, ...trending]),
      activityPages,
      activityFarPage: ACTIVITY_FAR_PAGE,
      viewed,
      bulk,
      bulkFloorSteps: bulkFloor.steps.medians(),
      bulkSettleMs: settleTimes,
      lag,
      lagPollMs: LAG_POLL_MS,
      wallMs: performance.now() - startedAt,
    });
  });
}
