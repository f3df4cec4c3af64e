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

interface EndpointFigures {
  name: string;
  floor: { latency: LatencyResult[]; throughput: ThroughputResult[] };
  full: { latency: LatencyResult[]; throughput: ThroughputResult[] };
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
  log(line: string): void;
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
  const figures: EndpointFigures[] = list.map((endpoint) => ({
    name: endpoint.name,
    floor: { latency: [], throughput: [] },
    full: { latency: [], throughput: [] },
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
  lines.push('', `endpoint phase wall time ${formatWall(wallMs)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
