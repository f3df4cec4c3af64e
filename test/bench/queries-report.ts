import { formatWall } from './bench-session.js';
import type { CancelTimes } from './cancel-to-end.js';
import { type LatencyResult, median } from './load.js';

/** The issue's targets besides each query's ratio to its floor. */
export const MAX_TRENDS_P50_MS = 300;
export const MAX_CACHED_OVER_RETRIEVE_MS = 1;
export const MAX_CANCEL_TO_END_P50_MS = 100;
/** The query whose uncached p50 has an absolute target. */
const TRENDS_QUERY = 'trends total daily (30 d)';

/** One query's rounds: the full path, the service's call over NATS, the engine run in the bench process, the floor. */
export interface QueryFigures {
  name: string;
  maxRatio: number;
  full: LatencyResult[];
  service: LatencyResult[];
  engine: LatencyResult[];
  floor: LatencyResult[];
}

export interface QueriesReport {
  events: number;
  rounds: number;
  queries: QueryFigures[];
  cached: { retrieve: LatencyResult[]; queries: { name: string; rounds: LatencyResult[] }[] };
  cancel: CancelTimes;
  loadAverage: { start: number; end: number };
  wallMs: number;
}

const p50Of = (rounds: readonly LatencyResult[]) => median(rounds.map((round) => round.p50Ms));
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;
const NAME = 32;

export function printQueriesReport(report: QueriesReport): void {
  const lines = [
    '',
    `queries: ${report.events.toLocaleString('en-US')} generated events over 30 days, separate processes on NATS; medians of ${report.rounds} rounds`,
    'full path: POST /api/projects/:id/query/ {refresh: "force_blocking"} (gateway → NATS → insights → engine → PostgreSQL, cache write)',
    'service: insights.query called from the bench over NATS (no gateway); engine: the engine (parse → SQL → rows →',
    '  PostHog shape) run in the bench process, no hop; floor: hand-written SQL for the same answer, same tables',
    '',
    `${'query'.padEnd(NAME)}${'full p50'.padStart(11)}${'full/floor'.padStart(12)}${'target'.padStart(8)}     ${'service'.padStart(10)}${'engine'.padStart(11)}${'floor'.padStart(11)}`,
  ];
  for (const query of report.queries) {
    const full = p50Of(query.full);
    const floor = p50Of(query.floor);
    const ratio = full / floor;
    lines.push(
      `${query.name.padEnd(NAME)}${ms(full).padStart(11)}${`${ratio.toFixed(2)}×`.padStart(12)}${`≤ ${query.maxRatio}`.padStart(8)} ${verdict(ratio <= query.maxRatio)}${ms(p50Of(query.service)).padStart(10)}${ms(p50Of(query.engine)).padStart(11)}${ms(floor).padStart(11)}`,
    );
  }
  lines.push(
    '',
    'where the full path spends its time over the floor: medians of the per-round differences of p50s (ms), each',
    'hop taken away by the next subject; subjects of a round run back to back, so drift between rounds cancels out',
    `${''.padEnd(NAME)}${'gateway'.padStart(13)}${'NATS+service'.padStart(16)}${'engine'.padStart(15)}`,
    `${''.padEnd(NAME)}${'full−service'.padStart(13)}${'service−engine'.padStart(16)}${'engine−floor'.padStart(15)}`,
  );
  for (const query of report.queries) {
    const hop = (outer: LatencyResult[], inner: LatencyResult[]) =>
      median(outer.map((round, i) => round.p50Ms - (inner[i]?.p50Ms ?? Number.NaN))).toFixed(1);
    lines.push(
      `${query.name.padEnd(NAME)}${hop(query.full, query.service).padStart(13)}${hop(query.service, query.engine).padStart(16)}${hop(query.engine, query.floor).padStart(15)}`,
    );
  }
  const trends = report.queries.find((query) => query.name === TRENDS_QUERY);
  if (trends) {
    const full = p50Of(trends.full);
    lines.push(
      '',
      `${TRENDS_QUERY} uncached p50 ${ms(full)}   target ≤ ${MAX_TRENDS_P50_MS} ms   ${verdict(full <= MAX_TRENDS_P50_MS)}`,
    );
  }
  lines.push('', 'per round, p50 (ms): full / service / engine / floor');
  for (const query of report.queries) {
    const rounds = query.full.map((_, i) =>
      [query.full, query.service, query.engine, query.floor].map((subject) => subject[i]!.p50Ms.toFixed(0)).join('/'),
    );
    lines.push(`  ${query.name.padEnd(NAME)}${rounds.join('  ')}`);
  }

  const retrieve = p50Of(report.cached.retrieve);
  lines.push(
    '',
    `cached results: POST /query/ (default refresh "blocking", served from the cache) next to GET /insights/:id/ of an insight without results; ${report.cached.retrieve[0]?.requests ?? 0} requests per round, alternated`,
    `  ${'retrieve (no results)'.padEnd(NAME)}${ms(retrieve, 2).padStart(10)}`,
  );
  for (const query of report.cached.queries) {
    const cached = p50Of(query.rounds);
    const over = cached - retrieve;
    lines.push(
      `  ${query.name.padEnd(NAME)}${ms(cached, 2).padStart(10)}   ${over >= 0 ? '+' : '−'}${ms(Math.abs(over), 2)}   target ≤ retrieve + ${MAX_CACHED_OVER_RETRIEVE_MS} ms   ${verdict(over <= MAX_CACHED_OVER_RETRIEVE_MS)}`,
    );
  }

  const { cancelToEnd, cancelRequest } = report.cancel;
  lines.push(
    '',
    `cancel: a running unordered 5-step funnel cancelled after 200 ms, ${cancelToEnd.requests} times`,
    `  cancel sent → query answered 400 query_cancelled   p50 ${ms(cancelToEnd.p50Ms)}, max ${ms(cancelToEnd.samplesMs.at(-1) ?? Number.NaN)}   target p50 ≤ ${MAX_CANCEL_TO_END_P50_MS} ms   ${verdict(cancelToEnd.p50Ms <= MAX_CANCEL_TO_END_P50_MS)}`,
    `  the cancel request itself (201)                 p50 ${ms(cancelRequest.p50Ms)}`,
    '',
    `load average (1 min) ${report.loadAverage.start.toFixed(2)} at start, ${report.loadAverage.end.toFixed(2)} at end`,
    `wall time ${formatWall(report.wallMs)} (the bench process, from start-up to clean-up; pnpm build not included)`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
