import { Agent, request } from 'node:http';

/** One HTTP endpoint under load: keep-alive connections from this process, a fixed set of request headers. */
export interface LoadTarget {
  name: string;
  baseUrl: string;
  headers: Record<string, string>;
}

export interface LoadClient {
  /** GET `path`; resolves with the body text, rejects on anything but 200. */
  get(path: string): Promise<string>;
  close(): void;
}

export function createLoadClient(target: LoadTarget, maxSockets: number): LoadClient {
  const url = new URL(target.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const get = (path: string) =>
    new Promise<string>((resolve, reject) => {
      const req = request(
        { agent, host: url.hostname, port: url.port, path, method: 'GET', headers: target.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 200) resolve(body);
            else reject(new Error(`${target.name}: GET ${path} answered ${res.statusCode}: ${body.slice(0, 300)}`));
          });
        },
      );
      req.on('error', (error) => reject(new Error(`${target.name}: GET ${path} failed: ${error.message}`)));
      req.end();
    });
  return { get, close: () => agent.destroy() };
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
}

/** Concurrency 1: `warmup` unmeasured calls, then `requests` timed one after the other. */
export async function measureLatency(
  call: () => Promise<unknown>,
  options: { warmup: number; requests: number },
): Promise<LatencyResult> {
  for (let i = 0; i < options.warmup; i++) await call();
  const samples = new Array<number>(options.requests);
  for (let i = 0; i < options.requests; i++) {
    const started = process.hrtime.bigint();
    await call();
    samples[i] = Number(process.hrtime.bigint() - started) / 1e6;
  }
  samples.sort((a, b) => a - b);
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), requests: options.requests };
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
  options: { concurrency: number; warmupMs: number; durationMs: number },
): Promise<ThroughputResult> {
  await closedLoop(call, options.concurrency, options.warmupMs);
  return closedLoop(call, options.concurrency, options.durationMs);
}
