import { parseArgs } from 'node:util';
import { type RunningSystem, seedProject, startSystem } from '../support/system.js';
import { boundSystemLogs, type LogTail } from './bounded-logs.js';
import { type FloorProcess, startFloorProcess } from './floor-process.js';
import {
  createLoadClient,
  type LoadClient,
  type LoadTarget,
  measureLatency,
  measureThroughput,
  seededRandom,
} from './load.js';
import { printGatewayReport, type TargetRounds } from './report.js';
import { seedInsights } from './seed-insights.js';
import { probeServiceCalls } from './service-probe.js';

const TAG_POOL = 50;
const TAGS_PER_INSIGHT = 3;
const LATENCY_WARMUP_REQUESTS = 200;
const THROUGHPUT_WARMUP_MS = 1000;
const SHAPE_CHECK_SAMPLES = 25;
const PROBE_CALLS = 1000;

function readOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      rounds: { type: 'string', default: '3' },
      requests: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '32' },
      insights: { type: 'string', default: '10000' },
    },
  });
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
 * against a bare fastify + pg floor doing the same read, with the same load generator, in alternating rounds.
 */
export async function runGatewayBench(args: string[]): Promise<void> {
  const startedAt = performance.now();
  const options = readOptions(args);
  const cleanups: (() => Promise<void> | void)[] = [];
  let logs: LogTail | null = null;
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  const onSignal = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const log = (line: string) => process.stdout.write(`${line}\n`);
    log('starting the system (gateway + 4 services on NATS, throwaway database)…');
    const system: RunningSystem = await startSystem();
    cleanups.push(() => system.stop());
    logs = boundSystemLogs(system);
    const seed = await seedProject(system);

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

    const floorProcess: FloorProcess = await startFloorProcess(system.database.url);
    cleanups.push(() => floorProcess.stop());

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
    cleanups.push(() => {
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

    // The same sequence of insights for both targets in a phase; a new sequence each round.
    const randomPaths = (seed: number) => {
      const random = seededRandom(seed);
      return () => pathOf(insightIds[Math.floor(random() * insightIds.length)] as number);
    };
    const results = new Map<LoadTarget, TargetRounds>([
      [floor, { latency: [], throughput: [] }],
      [full, { latency: [], throughput: [] }],
    ]);
    const resultsOf = (target: LoadTarget) => results.get(target) as TargetRounds;
    for (let round = 0; round < options.rounds; round++) {
      // ABBA: the target that goes first changes every round, so drift and noise fall on both.
      const order = round % 2 === 0 ? [floor, full] : [full, floor];
      for (const target of order) {
        const latency = await measureLatency(clientOf(target), randomPaths(1000 + round), {
          warmup: LATENCY_WARMUP_REQUESTS,
          requests: options.requests,
        });
        resultsOf(target).latency.push(latency);
        log(
          `round ${round + 1}/${options.rounds} ${target.name.padEnd(9)} c=1   p50 ${latency.p50Ms.toFixed(2)} ms, p99 ${latency.p99Ms.toFixed(2)} ms`,
        );
      }
      for (const target of order) {
        const throughput = await measureThroughput(clientOf(target), randomPaths(2000 + round), {
          concurrency: options.concurrency,
          warmupMs: THROUGHPUT_WARMUP_MS,
          durationMs: options.seconds * 1000,
        });
        resultsOf(target).throughput.push(throughput);
        log(
          `round ${round + 1}/${options.rounds} ${target.name.padEnd(9)} c=${options.concurrency}  ${throughput.requestsPerSecond.toFixed(0)} req/s (${throughput.requests} in ${throughput.seconds.toFixed(1)} s)`,
        );
      }
    }

    const probe = await probeServiceCalls({
      natsUrl: system.env.NATS_URL as string,
      prefix: system.prefix,
      principalSecret: system.env.PRINCIPAL_SECRET as string,
      principal: {
        user: {
          id: seed.user.id,
          uuid: seed.user.uuid,
          distinct_id: seed.user.distinct_id,
          first_name: seed.user.first_name,
          last_name: seed.user.last_name,
          email: seed.user.email,
          is_email_verified: false,
        },
        projectId: seed.project.id,
        organizationId: seed.org.id,
        projectLevel: 'editor',
        scopes: ['*'],
        client: null,
      },
      insightIds,
      calls: PROBE_CALLS,
    });

    await cleanUp();
    printGatewayReport({
      description: `GET /api/projects/:project_id/insights/:id/ — ${insightIds.length} insights, ${TAGS_PER_INSIGHT} tags each from ${TAG_POOL}; c=1: ${options.requests} requests after ${LATENCY_WARMUP_REQUESTS} warm-up; c=${options.concurrency}: ${options.seconds} s after ${THROUGHPUT_WARMUP_MS / 1000} s warm-up`,
      concurrency: options.concurrency,
      floor: resultsOf(floor),
      full: resultsOf(full),
      probe,
      wallMs: performance.now() - startedAt,
    });
  } catch (error) {
    if (logs) process.stderr.write(`last log output of the system:\n${logs.text().slice(-8000)}\n`);
    throw error;
  } finally {
    await cleanUp();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
