import { formatWall } from './bench-session.js';
import {
  type LatencyResult,
  type LoadClient,
  measureLatency,
  measureThroughput,
  median,
  roundOrder,
  seededRandom,
  type ThroughputResult,
} from './load.js';
import { type CpuSubject, measureCpu } from './process-cpu.js';
import type { StatementFigure, StatementStats } from './statement-stats.js';

/** Issue 12: where an endpoint cannot reach 5× PostHog's stack, ours keeps at least this share of its floor's req/s. */
export const MIN_FLOOR_SHARE = 0.7;
const VIEWED_IDS = 10;
const ACTIVITY_LIMIT = 100;
const LATENCY_WARMUP_REQUESTS = 100;
const THROUGHPUT_WARMUP_MS = 1000;

export const ENDPOINT_NAMES = ['viewed', 'my_last_viewed', 'activity'];

interface Endpoint {
  /** One of ENDPOINT_NAMES. */
  key: string;
  name: string;
  /** One request of the endpoint; `random` draws the same sequence for floor and full path. */
  call(client: LoadClient, random: () => number): Promise<unknown>;
  /** A read answers the same JSON on both sides (the floor's origin aside). */
  read?: string;
}

/** One side's figures: c=1 latency and c=N throughput per round; per round too, what a request cost at c=N. */
interface SideFigures {
  latency: LatencyResult[];
  throughput: ThroughputResult[];
  /** ms of CPU per request, by process group. */
  cpuPerRequest: Map<string, number>[];
  /** The statements PostgreSQL ran, per request (pg_stat_statements). */
  statementsPerRequest: StatementFigure[][];
}

interface EndpointFigures {
  name: string;
  floor: SideFigures;
  full: SideFigures;
}

/** What the c=N runs are measured with besides the clock: processes' CPU time and PostgreSQL's statement counters. */
export interface Attribution {
  cpu: readonly CpuSubject[];
  statements: StatementStats | null;
}

export interface EndpointPhase {
  projectId: number;
  insightIds: readonly number[];
  floor: { client: LoadClient; baseUrl: string };
  full: { client: LoadClient; baseUrl: string };
  rounds: number;
  requests: number;
  seconds: number;
  concurrency: number;
  /** The endpoints to measure, by key. */
  only: ReadonlySet<string>;
  attribution: Attribution;
  log(line: string): void;
}

/** Runs a throughput measurement, recording what each of its requests cost in CPU and statements. */
function attributed(attribution: Attribution, side: SideFigures) {
  return async (run: () => Promise<ThroughputResult>) => {
    const before = attribution.statements ? await attribution.statements.read() : null;
    const { result, cpuMs } = await measureCpu(attribution.cpu, run);
    const perRequest = (value: number) => value / Math.max(1, result.requests);
    side.cpuPerRequest.push(new Map([...cpuMs].map(([name, ms]) => [name, perRequest(ms)])));
    if (attribution.statements && before) {
      const statements = await attribution.statements.since(before);
      side.statementsPerRequest.push(
        statements.map((s) => ({ query: s.query, calls: perRequest(s.calls), execMs: perRequest(s.execMs) })),
      );
    }
    return result;
  };
}

function endpoints(projectId: number, insightIds: readonly number[]): Endpoint[] {
  const base = `/api/projects/${projectId}/insights`;
  const activity = `${base}/activity/?limit=${ACTIVITY_LIMIT}`;
  const lastViewed = `${base}/my_last_viewed/`;
  return [
    {
      key: 'viewed',
      name: `viewed (${VIEWED_IDS} ids)`,
      call: (client, random) =>
        client.send('POST', `${base}/viewed/`, {
          insight_ids: Array.from(
            { length: VIEWED_IDS },
            () => insightIds[Math.floor(random() * insightIds.length)] as number,
          ),
        }),
    },
    { key: 'my_last_viewed', name: 'my_last_viewed', call: (client) => client.get(lastViewed), read: lastViewed },
    {
      key: 'activity',
      name: `activity (limit ${ACTIVITY_LIMIT})`,
      call: (client) => client.get(activity),
      read: activity,
    },
  ];
}

/** The floor must answer what the gateway answers, or the comparison means nothing. */
async function checkSameAnswers(phase: EndpointPhase, list: readonly Endpoint[]): Promise<void> {
  for (const endpoint of list) {
    if (!endpoint.read) continue;
    const [floorBody, fullBody] = await Promise.all([
      phase.floor.client.get(endpoint.read),
      phase.full.client.get(endpoint.read),
    ]);
    if (floorBody.split(phase.floor.baseUrl).join(phase.full.baseUrl) !== fullBody) {
      throw new Error(
        `the floor does not answer what the gateway does for ${endpoint.read}:\nfull:  ${fullBody.slice(0, 600)}\nfloor: ${floorBody.slice(0, 600)}`,
      );
    }
    if (JSON.stringify(JSON.parse(fullBody)).length < 10)
      throw new Error(`${endpoint.read} answers nothing to measure`);
  }
}

/**
 * viewed, my_last_viewed and activity through the gateway and from the floor server (floor-endpoints.ts): c=1 p50 and
 * c=`concurrency` req/s of each, floor and full path alternated in every round.
 */
export async function measureEndpointFloors(phase: EndpointPhase): Promise<EndpointFigures[]> {
  const list = endpoints(phase.projectId, phase.insightIds).filter((endpoint) => phase.only.has(endpoint.key));
  await checkSameAnswers(phase, list);
  phase.log('floor and full path answer the same JSON for my_last_viewed and activity');
  const emptySide = (): SideFigures => ({ latency: [], throughput: [], cpuPerRequest: [], statementsPerRequest: [] });
  const figures: EndpointFigures[] = list.map((endpoint) => ({
    name: endpoint.name,
    floor: emptySide(),
    full: emptySide(),
  }));
  const sides = ['floor', 'full'] as const;
  for (let round = 0; round < phase.rounds; round++) {
    for (const [index, endpoint] of list.entries()) {
      const figure = figures[index] as EndpointFigures;
      for (const side of roundOrder(round, sides)) {
        const random = seededRandom(3000 + round);
        const latency = await measureLatency(() => endpoint.call(phase[side].client, random), {
          warmup: LATENCY_WARMUP_REQUESTS,
          requests: phase.requests,
        });
        figure[side].latency.push(latency);
      }
      for (const side of roundOrder(round, sides)) {
        const random = seededRandom(4000 + round);
        const throughput = await measureThroughput(() => endpoint.call(phase[side].client, random), {
          concurrency: phase.concurrency,
          warmupMs: THROUGHPUT_WARMUP_MS,
          durationMs: phase.seconds * 1000,
          around: attributed(phase.attribution, figure[side]),
        });
        figure[side].throughput.push(throughput);
      }
      const last = <T>(values: T[]) => values[values.length - 1] as T;
      phase.log(
        `round ${round + 1}/${phase.rounds} ${endpoint.name.padEnd(22)} p50 floor ${last(figure.floor.latency).p50Ms.toFixed(2)} full ${last(figure.full.latency).p50Ms.toFixed(2)} ms; c=${phase.concurrency} floor ${last(figure.floor.throughput).requestsPerSecond.toFixed(0)} full ${last(figure.full.throughput).requestsPerSecond.toFixed(0)} req/s`,
      );
    }
  }
  return figures;
}

export function printEndpointFloors(figures: readonly EndpointFigures[], concurrency: number, wallMs: number): void {
  const pad = (text: string, width: number) => text.padStart(width);
  const lines = [
    '',
    `viewed, my_last_viewed and activity against a bare fastify + pg floor running the services' statements and rendering (medians of rounds)`,
    '',
    `${'endpoint'.padEnd(24)}${pad('floor p50', 11)}${pad('full p50', 10)}${pad(`floor c=${concurrency}`, 13)}${pad(`full c=${concurrency}`, 12)}${pad('share', 8)}  target ≥ ${MIN_FLOOR_SHARE * 100}%`,
  ];
  for (const figure of figures) {
    const floorP50 = median(figure.floor.latency.map((r) => r.p50Ms));
    const fullP50 = median(figure.full.latency.map((r) => r.p50Ms));
    const floorRps = median(figure.floor.throughput.map((r) => r.requestsPerSecond));
    const fullRps = median(figure.full.throughput.map((r) => r.requestsPerSecond));
    const share = fullRps / floorRps;
    lines.push(
      `${figure.name.padEnd(24)}${pad(`${floorP50.toFixed(2)} ms`, 11)}${pad(`${fullP50.toFixed(2)} ms`, 10)}${pad(floorRps.toFixed(0), 13)}${pad(fullRps.toFixed(0), 12)}${pad(`${(share * 100).toFixed(1)}%`, 8)}  ${share >= MIN_FLOOR_SHARE ? 'PASS' : 'MISS'}`,
    );
  }
  lines.push(...cpuLines(figures, concurrency), ...statementLines(figures));
  lines.push('', `endpoint phase wall time ${formatWall(wallMs)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** A side's CPU per request by process group: medians of rounds, groups that spent under 0.005 ms left out. */
function cpuOf(side: SideFigures): Map<string, number> {
  const names = new Set(side.cpuPerRequest.flatMap((round) => [...round.keys()]));
  const medians = new Map<string, number>();
  for (const name of names) {
    const value = median(side.cpuPerRequest.map((round) => round.get(name) ?? 0));
    if (value >= 0.005) medians.set(name, value);
  }
  return medians;
}

/**
 * Where the c=N runs' CPU went, per request: on two cores every process competes for the same CPU, so the floor's
 * total over ours is about the share of its req/s we can reach.
 */
function cpuLines(figures: readonly EndpointFigures[], concurrency: number): string[] {
  if (figures.every((figure) => figure.full.cpuPerRequest.length === 0)) return [];
  const lines = [
    '',
    `CPU per request at c=${concurrency}, ms (user + system, from /proc; medians of rounds): every process on the path, PostgreSQL's backends and nats-server included`,
  ];
  for (const figure of figures) {
    const floor = cpuOf(figure.floor);
    const full = cpuOf(figure.full);
    const total = (cpu: Map<string, number>) => [...cpu.values()].reduce((sum, ms) => sum + ms, 0);
    const row = (cpu: Map<string, number>) =>
      [...cpu]
        .sort((a, b) => b[1] - a[1])
        .map(([name, ms]) => `${name} ${ms.toFixed(3)}`)
        .join(', ');
    lines.push(
      `  ${figure.name}`,
      `    floor ${total(floor).toFixed(3)}: ${row(floor)}`,
      `    full  ${total(full).toFixed(3)}: ${row(full)}`,
      `    floor ÷ full = ${((100 * total(floor)) / total(full)).toFixed(1)}% (the share the CPU allows)`,
    );
  }
  return lines;
}

const MAX_STATEMENTS_SHOWN = 4;

/** What PostgreSQL executed per request on each side (pg_stat_statements), the busiest statements first. */
function statementLines(figures: readonly EndpointFigures[]): string[] {
  if (figures.every((figure) => figure.full.statementsPerRequest.length === 0)) return [];
  const lines = ['', 'PostgreSQL per request at c=N (pg_stat_statements; median round): statements and execution time'];
  const medianRound = (side: SideFigures) => {
    const totals = side.statementsPerRequest.map((round) => round.reduce((sum, s) => sum + s.execMs, 0));
    const middle = median(totals);
    return side.statementsPerRequest[totals.indexOf(middle)] ?? side.statementsPerRequest[0] ?? [];
  };
  for (const figure of figures) {
    lines.push(`  ${figure.name}`);
    for (const sideName of ['floor', 'full'] as const) {
      const statements = medianRound(figure[sideName]);
      const calls = statements.reduce((sum, s) => sum + s.calls, 0);
      const execMs = statements.reduce((sum, s) => sum + s.execMs, 0);
      lines.push(`    ${sideName.padEnd(5)} ${calls.toFixed(2)} statements, ${execMs.toFixed(3)} ms executing`);
      for (const statement of statements.slice(0, MAX_STATEMENTS_SHOWN)) {
        const text = statement.query.replace(/\s+/g, ' ').slice(0, 90);
        lines.push(`          ${statement.calls.toFixed(2)} calls, ${statement.execMs.toFixed(3)} ms  ${text}`);
      }
    }
  }
  return lines;
}
