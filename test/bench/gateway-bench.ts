import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runBenchSession, startBenchSystem } from './bench-session.js';
import { ENDPOINT_NAMES, measureEndpointFloors, printEndpointFloors } from './endpoint-floors-phase.js';
import { type FloorProcess, startFloorProcess } from './floor-process.js';
import {
  createLoadClient,
  type LatencyResult,
  type LoadClient,
  type LoadTarget,
  measureLatency,
  measureThroughput,
  roundOrder,
  seededRandom,
  type ThroughputResult,
} from './load.js';
import { type CpuSubject, pidsNamed } from './process-cpu.js';
import { restartWithCpuProfile } from './profiled-process.js';
import { printGatewayReport } from './report.js';
import { seedActivity } from './seed-activity.js';
import { seedInsights } from './seed-insights.js';
import { seedViews } from './seed-views.js';
import { benchPrincipal, connectSystemProbe } from './service-probe.js';
import { connectStatementStats } from './statement-stats.js';

const TAG_POOL = 50;
const TAGS_PER_INSIGHT = 3;
const LATENCY_WARMUP_REQUESTS = 200;
const THROUGHPUT_WARMUP_MS = 1000;
/** Before the first round: JIT, connection pools and PostgreSQL caches of every process get warm. */
const INITIAL_WARMUP_MS = 3000;
const SHAPE_CHECK_SAMPLES = 25;
/** What my_last_viewed and activity read in the endpoint phase. */
const VIEWERS = 20;
const VIEWS = 20_000;
const VIEW_DAYS = 30;
const ACTIVITY_ENTRIES = 20_000;
const PROFILED_APPS = ['gateway', 'insights', 'tagging', 'views', 'activity'];

function readOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      rounds: { type: 'string', default: '3' },
      requests: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '32' },
      insights: { type: 'string', default: '10000' },
      'cpu-prof': { type: 'string' },
      only: { type: 'string', default: ['retrieve', ...ENDPOINT_NAMES].join(',') },
    },
  });
  const only = new Set(values.only.split(','));
  for (const name of only) {
    if (name !== 'retrieve' && !ENDPOINT_NAMES.includes(name)) throw new Error(`--only: no endpoint "${name}"`);
  }
  const positive = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  return {
    rounds: positive('rounds'),
    requests: positive('requests'),
    seconds: positive('seconds'),
    concurrency: positive('concurrency'),
    insights: positive('insights'),
    cpuProfDir: values['cpu-prof'] === undefined ? null : resolve(values['cpu-prof']),
    only,
  };
}

/** Every insight the floor renders must be byte for byte what the gateway answers, or the comparison means nothing. */
async function checkSameResponses(floor: LoadClient, full: LoadClient, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const [floorBody, fullBody] = await Promise.all([floor.get(path), full.get(path)]);
    if (floorBody !== fullBody) {
      throw new Error(
        `the floor does not render what the gateway does for ${path}:\nfull:  ${fullBody}\nfloor: ${floorBody}`,
      );
    }
  }
}

/**
 * `pnpm bench gateway`: authenticated insight retrieve through the gateway (separate processes on PostgreSQL and NATS)
 * against a bare fastify + pg floor doing the same read, with the same load generator, in alternating rounds; then
 * viewed, my_last_viewed and activity against the same server's floors of them (endpoint-floors-phase.ts).
 * `--cpu-prof DIR` runs every service and the gateway under `node --cpu-prof` (summarize with `cpu-profile-summary.ts`);
 * `--only retrieve,viewed,my_last_viewed,activity` picks what is measured (one endpoint, for a profile of it alone).
 */
export async function runGatewayBench(args: string[]): Promise<void> {
  const startedAt = performance.now();
  const options = readOptions(args);
  await runBenchSession(async (session) => {
    const { log } = session;
    const { system, seed, logs } = await startBenchSystem(session);
    if (options.cpuProfDir) {
      mkdirSync(options.cpuProfDir, { recursive: true });
      for (const app of PROFILED_APPS) await restartWithCpuProfile(system, app, options.cpuProfDir, logs);
      log(`profiling ${PROFILED_APPS.join(', ')}: .cpuprofile files in ${options.cpuProfDir} once they stop`);
    }

    const loadStarted = performance.now();
    const insightIds = await seedInsights({
      databaseUrl: system.database.url,
      projectId: seed.project.id,
      userId: seed.user.id,
      insights: options.insights,
      tagPool: TAG_POOL,
      tagsPerInsight: TAGS_PER_INSIGHT,
    });
    log(
      `loaded ${insightIds.length} insights with ${TAGS_PER_INSIGHT} tags each (pool of ${TAG_POOL}) in ${Math.round(performance.now() - loadStarted)} ms`,
    );

    const principal = benchPrincipal(seed);
    await seedViews({
      databaseUrl: system.database.url,
      projectId: seed.project.id,
      userId: seed.user.id,
      insightIds,
      viewers: VIEWERS,
      views: VIEWS,
      days: VIEW_DAYS,
    });
    await seedActivity({
      databaseUrl: system.database.url,
      projectId: seed.project.id,
      organizationId: principal.organizationId,
      actor: { first_name: principal.user.first_name, email: principal.user.email },
      insightIds,
      entries: ACTIVITY_ENTRIES,
    });
    log(`loaded ${VIEWS} views by ${VIEWERS} users and ${ACTIVITY_ENTRIES} activity entries`);

    const floorProcess: FloorProcess = await startFloorProcess(system.database.url, {
      FLOOR_PRINCIPAL: JSON.stringify(principal),
    });
    session.defer(() => floorProcess.stop());

    const full: LoadTarget = {
      name: 'full path',
      baseUrl: system.baseUrl,
      headers: { authorization: `Bearer ${seed.key}` },
    };
    const floor: LoadTarget = { name: 'floor', baseUrl: floorProcess.baseUrl, headers: {} };
    const clients = new Map<LoadTarget, LoadClient>([
      [floor, createLoadClient(floor, options.concurrency)],
      [full, createLoadClient(full, options.concurrency)],
    ]);
    session.defer(() => {
      for (const client of clients.values()) client.close();
    });
    const clientOf = (target: LoadTarget) => clients.get(target) as LoadClient;

    const pathOf = (id: number) => `/api/projects/${seed.project.id}/insights/${id}/`;
    const step = Math.max(1, Math.floor(insightIds.length / SHAPE_CHECK_SAMPLES));
    await checkSameResponses(
      clientOf(floor),
      clientOf(full),
      insightIds.filter((_, index) => index % step === 0).map(pathOf),
    );
    log('floor and full path answer byte-identical JSON');

    const measureRetrieve = async () => {
      const probe = await connectSystemProbe(system, seed);
      session.defer(() => probe.close());

      // Every subject of a phase is asked for the same sequence of insights; each round draws a new sequence.
      const randomIds = (seed: number) => {
        const random = seededRandom(seed);
        return () => insightIds[Math.floor(random() * insightIds.length)] as number;
      };
      const overHttp = (target: LoadTarget, nextId: () => number) => () => clientOf(target).get(pathOf(nextId()));
      type LatencySubject = { name: string; call: (nextId: () => number) => () => Promise<unknown> };
      const serviceCalls: LatencySubject[] = [
        { name: 'insights.retrieve', call: (nextId) => () => probe.retrieve(nextId()) },
        { name: 'tagging.tagsFor', call: (nextId) => () => probe.tagsFor(nextId()) },
      ];
      const latencySubjects: LatencySubject[] = [
        { name: floor.name, call: (nextId) => overHttp(floor, nextId) },
        { name: full.name, call: (nextId) => overHttp(full, nextId) },
        ...serviceCalls,
      ];
      const latency = new Map<string, LatencyResult[]>(latencySubjects.map((subject) => [subject.name, []]));
      const throughput = new Map<LoadTarget, ThroughputResult[]>([
        [floor, []],
        [full, []],
      ]);
      for (const target of [floor, full]) {
        await measureThroughput(overHttp(target, randomIds(1)), {
          concurrency: options.concurrency,
          warmupMs: 0,
          durationMs: INITIAL_WARMUP_MS,
        });
      }
      for (const subject of serviceCalls) {
        await measureLatency(subject.call(randomIds(1)), { warmup: LATENCY_WARMUP_REQUESTS, requests: 1 });
      }
      log('warmed up');
      const label = (round: number, name: string) => `round ${round + 1}/${options.rounds} ${name.padEnd(17)}`;
      for (let round = 0; round < options.rounds; round++) {
        for (const subject of roundOrder(round, latencySubjects)) {
          const result = await measureLatency(subject.call(randomIds(1000 + round)), {
            warmup: LATENCY_WARMUP_REQUESTS,
            requests: options.requests,
          });
          latency.get(subject.name)?.push(result);
          log(
            `${label(round, subject.name)} c=1   p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`,
          );
        }
        for (const target of roundOrder(round, [floor, full])) {
          const result = await measureThroughput(overHttp(target, randomIds(2000 + round)), {
            concurrency: options.concurrency,
            warmupMs: THROUGHPUT_WARMUP_MS,
            durationMs: options.seconds * 1000,
          });
          throughput.get(target)?.push(result);
          log(
            `${label(round, target.name)} c=${options.concurrency}  ${result.requestsPerSecond.toFixed(0)} req/s (${result.requests} in ${result.seconds.toFixed(1)} s)`,
          );
        }
      }

      return { latency, throughput };
    };
    const retrieve = options.only.has('retrieve') ? await measureRetrieve() : null;

    const statements = await connectStatementStats(system.database.url);
    if (statements.stats) session.defer(() => statements.stats.close());
    else log(`pg_stat_statements unavailable, statement figures left out: ${statements.missing}`);
    const pidOf = (name: string) => () => {
      const pid = system.processes.get(name)?.pid;
      return pid === undefined ? [] : [pid];
    };
    const cpu: CpuSubject[] = [
      { name: 'floor', pids: () => (floorProcess.pid === undefined ? [] : [floorProcess.pid]) },
      ...['gateway', 'insights', 'views', 'activity', 'tagging'].map((name) => ({ name, pids: pidOf(name) })),
      { name: 'nats-server', pids: () => pidsNamed('nats-server') },
      { name: 'postgres', pids: () => pidsNamed('postgres') },
    ];

    const endpointsStarted = performance.now();
    const endpointFigures = await measureEndpointFloors({
      attribution: { cpu, statements: statements.stats },
      projectId: seed.project.id,
      insightIds,
      floor: { client: clientOf(floor), baseUrl: floor.baseUrl },
      full: { client: clientOf(full), baseUrl: full.baseUrl },
      only: options.only,
      rounds: options.rounds,
      requests: Math.ceil(options.requests / 4),
      seconds: Math.ceil(options.seconds / 2),
      concurrency: options.concurrency,
      log,
    });
    const endpointsWallMs = performance.now() - endpointsStarted;

    await session.cleanUp();
    if (retrieve) {
      const { latency, throughput } = retrieve;
      printGatewayReport({
        description: `GET /api/projects/:project_id/insights/:id/ — ${insightIds.length} insights, ${TAGS_PER_INSIGHT} tags each from ${TAG_POOL}; c=1: ${options.requests} requests after ${LATENCY_WARMUP_REQUESTS} warm-up; c=${options.concurrency}: ${options.seconds} s after ${THROUGHPUT_WARMUP_MS / 1000} s warm-up`,
        concurrency: options.concurrency,
        floor: { latency: latency.get(floor.name) ?? [], throughput: throughput.get(floor) ?? [] },
        full: { latency: latency.get(full.name) ?? [], throughput: throughput.get(full) ?? [] },
        serviceCalls: {
          retrieve: latency.get('insights.retrieve') ?? [],
          tagsFor: latency.get('tagging.tagsFor') ?? [],
        },
        wallMs: performance.now() - startedAt,
      });
    }
    printEndpointFloors(endpointFigures, options.concurrency, endpointsWallMs);
  });
}
