import { Agent, request } from 'node:http';

/** One HTTP endpoint under load: keep-alive connections from this process, a fixed set of request headers. */
export interface LoadTarget {
  name: string;
  baseUrl: string;
  headers: Record<string, string>;
}

export interface LoadResponse {
  status: number;
  body: string;
}

export interface LoadClient {
  /** GET `path`; resolves with the body text, rejects on anything but 200. */
  get(path: string): Promise<string>;
  /** Any method, with an optional JSON body; resolves with status and body text, rejects on anything but 2xx. */
  send(method: string, path: string, json?: unknown): Promise<LoadResponse>;
  /** As `send`, but resolves whatever the status (e.g. to time a request that is meant to fail). */
  exchange(method: string, path: string, json?: unknown): Promise<LoadResponse>;
  close(): void;
}

export function createLoadClient(target: LoadTarget, maxSockets: number): LoadClient {
  const url = new URL(target.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const exchange = (method: string, path: string, payload: string | undefined, accept: (status: number) => boolean) =>
    new Promise<LoadResponse>((resolve, reject) => {
      const headers =
        payload === undefined
          ? target.headers
          : { ...target.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
      const req = request({ agent, host: url.hostname, port: url.port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (accept(status)) resolve({ status, body });
          else reject(new Error(`${target.name}: ${method} ${path} answered ${status}: ${body.slice(0, 300)}`));
        });
      });
      req.on('error', (error) => reject(new Error(`${target.name}: ${method} ${path} failed: ${error.message}`)));
      req.end(payload);
    });
  return {
    get: async (path) => (await exchange('GET', path, undefined, (status) => status === 200)).body,
    send: (method, path, json) =>
      exchange(
        method,
        path,
        json === undefined ? undefined : JSON.stringify(json),
        (status) => status >= 200 && status < 300,
      ),
    exchange: (method, path, json) =>
      exchange(method, path, json === undefined ? undefined : JSON.stringify(json), () => true),
    close: () => agent.destroy(),
  };
}

/**
 * The order of a round's subjects: as given in even rounds, reversed in odd ones (ABBA), so that drift and noise over
 * a run fall on every subject alike.
 */
export function roundOrder<T>(round: number, items: readonly T[]): T[] {
  return round % 2 === 0 ? [...items] : [...items].reverse();
}

/** A small seeded PRNG (mulberry32), so every target is asked for the same sequence of insights. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1] as number;
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface LatencyResult {
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Every timed call, ascending. */
  samplesMs: number[];
}

/**
 * Concurrency 1: `warmup` unmeasured calls, then `requests` timed one after the other. `between`, when given, runs
 * untimed after every call (warm-up included): e.g. waiting until the system has absorbed a write's consequences.
 */
export async function measureLatency(
  call: () => Promise<unknown>,
  options: { warmup: number; requests: number; between?: () => Promise<void> },
): Promise<LatencyResult> {
  for (let i = 0; i < options.warmup; i++) {
    await call();
    await options.between?.();
  }
  const samples = new Array<number>(options.requests);
  for (let i = 0; i < options.requests; i++) {
    const started = process.hrtime.bigint();
    await call();
    samples[i] = Number(process.hrtime.bigint() - started) / 1e6;
    await options.between?.();
  }
  return latencyOf(samples);
}

/** p50 and p99 of timed calls (in any order). */
export function latencyOf(samplesMs: readonly number[]): LatencyResult {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), requests: sorted.length, samplesMs: sorted };
}

/** The rounds' samples taken together, as one result. */
export function pooledLatency(rounds: readonly LatencyResult[]): LatencyResult {
  return latencyOf(rounds.flatMap((round) => round.samplesMs));
}

export interface ThroughputResult {
  requestsPerSecond: number;
  requests: number;
  seconds: number;
}

async function closedLoop(
  call: () => Promise<unknown>,
  concurrency: number,
  durationMs: number,
): Promise<ThroughputResult> {
  const started = process.hrtime.bigint();
  const deadline = performance.now() + durationMs;
  let completed = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await call();
      completed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { requestsPerSecond: completed / seconds, requests: completed, seconds };
}

/** A closed loop of `concurrency` workers, each sending its next request as soon as the previous one answered. */
export async function measureThroughput(
  call: () => Promise<unknown>,
  options: {
    concurrency: number;
    warmupMs: number;
    durationMs: number;
    /** Wraps the measured run alone (not the warm-up), e.g. to count the CPU time it took. */
    around?: (run: () => Promise<ThroughputResult>) => Promise<ThroughputResult>;
  },
): Promise<ThroughputResult> {
  await closedLoop(call, options.concurrency, options.warmupMs);
  const run = () => closedLoop(call, options.concurrency, options.durationMs);
  return options.around ? options.around(run) : run();
}

/** One thing timed in rounds: `call(round)` gives the round's call, so every subject of a round can replay one sequence. */
export interface RoundSubject {
  name: string;
  call: (round: number) => () => Promise<unknown>;
  /** Untimed, after every call (see `measureLatency`). */
  between?: () => Promise<void>;
  /** Untimed, before each of the subject's measurements (before its warm-up). */
  prepare?: () => Promise<void>;
}

/**
 * Times every subject at concurrency 1 in `rounds` rounds, the subjects alternated ABBA within the rounds; reports
 * each subject's rounds by name, and each round's p50 through `onRound`.
 */
export async function measureInRounds(
  subjects: readonly RoundSubject[],
  plan: { rounds: number; warmup: number; requests: number },
  onRound?: (round: number, name: string, result: LatencyResult) => void,
): Promise<Map<string, LatencyResult[]>> {
  const results = new Map<string, LatencyResult[]>(subjects.map((subject) => [subject.name, []]));
  for (let round = 0; round < plan.rounds; round++) {
    for (const subject of roundOrder(round, subjects)) {
      await subject.prepare?.();
      const result = await measureLatency(subject.call(round), {
        warmup: plan.warmup,
        requests: plan.requests,
        between: subject.between,
      });
      results.get(subject.name)?.push(result);
      onRound?.(round, subject.name, result);
    }
  }
  return results;
}
