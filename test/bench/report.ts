import { formatWall } from './bench-session.js';
import type { LatencyResult, ThroughputResult } from './load.js';
import { median } from './load.js';

export interface TargetRounds {
  latency: LatencyResult[];
  throughput: ThroughputResult[];
}

export interface GatewayReport {
  description: string;
  concurrency: number;
  floor: TargetRounds;
  full: TargetRounds;
  /** The services' calls timed from the bench process over NATS, in the same rounds as the c=1 figures. */
  serviceCalls: { retrieve: LatencyResult[]; tagsFor: LatencyResult[] };
  wallMs: number;
}

/** The targets of the full path against the floor. */
export const MAX_P50_OVERHEAD_MS = 1.5;
export const MIN_THROUGHPUT_SHARE = 0.4;

const ms = (value: number) => value.toFixed(2);
const rps = (value: number) => value.toFixed(0);
const pad = (text: string, width: number) => text.padStart(width);

function summary(rounds: TargetRounds) {
  return {
    p50: median(rounds.latency.map((r) => r.p50Ms)),
    p99: median(rounds.latency.map((r) => r.p99Ms)),
    throughput: median(rounds.throughput.map((r) => r.requestsPerSecond)),
  };
}

export function printGatewayReport(report: GatewayReport): void {
  const floor = summary(report.floor);
  const full = summary(report.full);
  const overheadMs = full.p50 - floor.p50;
  const share = full.throughput / floor.throughput;
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
  const lines = [
    '',
    report.description,
    `medians of ${report.full.latency.length} rounds, floor and full path alternated within each round`,
    '',
    `${'target'.padEnd(12)}${pad('p50 (ms)', 10)}${pad('p99 (ms)', 10)}${pad(`c=${report.concurrency} (req/s)`, 16)}`,
    `${'floor'.padEnd(12)}${pad(ms(floor.p50), 10)}${pad(ms(floor.p99), 10)}${pad(rps(floor.throughput), 16)}`,
    `${'full path'.padEnd(12)}${pad(ms(full.p50), 10)}${pad(ms(full.p99), 10)}${pad(rps(full.throughput), 16)}`,
    '',
    `per round (p50 / p99 ms, req/s):`,
    ...report.full.latency.map((_, i) => {
      const f = report.floor;
      const s = report.full;
      return `  round ${i + 1}: floor ${ms(f.latency[i]!.p50Ms)} / ${ms(f.latency[i]!.p99Ms)}, ${rps(f.throughput[i]!.requestsPerSecond)}   full ${ms(s.latency[i]!.p50Ms)} / ${ms(s.latency[i]!.p99Ms)}, ${rps(s.throughput[i]!.requestsPerSecond)}`;
    }),
    '',
    `full p50 − floor p50        = ${ms(overheadMs)} ms   target ≤ ${MAX_P50_OVERHEAD_MS} ms   ${verdict(overheadMs <= MAX_P50_OVERHEAD_MS)}`,
    `full p50 / floor p50        = ${(full.p50 / floor.p50).toFixed(2)}×`,
    `full p99 / floor p99        = ${(full.p99 / floor.p99).toFixed(2)}×`,
    `full / floor throughput     = ${(share * 100).toFixed(1)} %   target ≥ ${MIN_THROUGHPUT_SHARE * 100} %   ${verdict(share >= MIN_THROUGHPUT_SHARE)}`,
  ];
  const retrieveP50 = median(report.serviceCalls.retrieve.map((r) => r.p50Ms));
  const tagsForP50 = median(report.serviceCalls.tagsFor.map((r) => r.p50Ms));
  lines.push(
    '',
    'where the full path spends its time (c=1 p50, medians of the same rounds, called from the bench process over NATS):',
    `  insights.retrieve (one NATS round trip + one statement)          ${ms(retrieveP50)} ms`,
    `  tagging.tagsFor (one NATS round trip + one statement; for scale) ${ms(tagsForP50)} ms`,
    `  gateway's share: full p50 − insights.retrieve p50                ${ms(full.p50 - retrieveP50)} ms`,
  );
  lines.push(
    '',
    `wall time ${formatWall(report.wallMs)} (the bench process, from start-up to clean-up; pnpm build not included)`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
