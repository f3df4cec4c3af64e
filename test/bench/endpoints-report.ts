import type { ActivityLagResult } from './activity-lag.js';
import { formatWall } from './bench-session.js';
import { type LatencyResult, median, pooledLatency } from './load.js';

export interface EndpointsReport {
  options: {
    rounds: number;
    bulkRequests: number;
    viewedRequests: number;
    trendingRequests: number;
    readRequests: number;
    lagSamples: number;
    insights: number;
    activityEntries: number;
    views: number;
    viewers: number;
  };
  seeding: { what: string; ms: number }[];
  /** Rounds by subject name, as `measureInRounds` reports them. */
  views: Map<string, LatencyResult[]>;
  activityPages: Map<string, LatencyResult[]>;
  activityFarPage: number;
  viewed: Map<string, LatencyResult[]>;
  bulk: Map<string, LatencyResult[]>;
  bulkFloorSteps: { step: string; medianMs: number }[];
  /** After each call of the real bulk path: how long until activity and views had handled its events. */
  bulkSettleMs: number[];
  lag: ActivityLagResult;
  lagPollMs: number;
  wallMs: number;
}

/** The targets of issue 3's benchmark. */
export const MAX_BULK_TAGS_RATIO = 3;
export const MAX_VIEWED_OVERHEAD_MS = 2;
export const MAX_ACTIVITY_FIRST_PAGE_MS = 5;
export const MAX_ACTIVITY_FAR_PAGE_RATIO = 10;
export const MAX_ACTIVITY_LAG_P99_MS = 100;

const ms = (value: number) => value.toFixed(2);
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

/** Every round's samples of a subject pooled: p50 and p99 over all timed calls of the run. */
function pooled(rounds: Map<string, LatencyResult[]>, name: string): LatencyResult {
  const results = rounds.get(name);
  if (!results || results.length === 0) throw new Error(`no measurement of ${name}`);
  return pooledLatency(results);
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)));
  return [line(header).join('  '), ...rows.map((row) => line(row).join('  '))];
}

export function printEndpointsReport(report: EndpointsReport): void {
  const { options } = report;
  const far = report.activityFarPage;
  const bulkFloor = pooled(report.bulk, 'bulk floor');
  const bulkFull = pooled(report.bulk, 'bulk full');
  const bulkService = pooled(report.bulk, 'insights.bulkUpdateTags');
  const viewedFloor = pooled(report.viewed, 'viewed floor');
  const viewedFull = pooled(report.viewed, 'viewed full');
  const viewedService = pooled(report.viewed, 'views.recordViews');
  const firstFloor = pooled(report.activityPages, 'page 1 floor');
  const firstFull = pooled(report.activityPages, 'page 1 full');
  const firstService = pooled(report.activityPages, 'page 1 activity.list');
  const farFloor = pooled(report.activityPages, `page ${far} floor`);
  const farFull = pooled(report.activityPages, `page ${far} full`);
  const farService = pooled(report.activityPages, `page ${far} activity.list`);
  const lastFloor = pooled(report.views, 'last_viewed floor');
  const lastFull = pooled(report.views, 'last_viewed full');
  const lastService = pooled(report.views, 'views.lastViewed');
  const trendFloor = pooled(report.views, 'trending floor');
  const trendFull = pooled(report.views, 'trending full');
  const trendService = pooled(report.views, 'views.trending');

  const bulkRatio = bulkFull.p50Ms / bulkFloor.p50Ms;
  const viewedOverhead = viewedFull.p50Ms - viewedFloor.p50Ms;
  const farRatio = farFull.p50Ms / firstFull.p50Ms;
  const row = (
    figure: string,
    floor: LatencyResult,
    full: LatencyResult,
    service: LatencyResult,
    result: string,
    target: string,
    outcome: string,
  ) => [figure, ms(floor.p50Ms), ms(full.p50Ms), ms(full.p99Ms), ms(service.p50Ms), result, target, outcome];

  const lines = [
    '',
    `pnpm bench endpoints — the system as separate processes on NATS against same-run floors (the same SQL from a bare pg client in the bench process); ${options.insights} insights (${options.activityEntries} activity entries, ${options.views} views by ${options.viewers} users); c=1, ${options.rounds} rounds, subjects alternated ABBA; p50/p99 over every timed call of all rounds (ms)`,
    '',
    ...report.seeding.map((seeded) => `seeded ${seeded.what} in ${(seeded.ms / 1000).toFixed(1)} s`),
    '',
    ...table(
      ['figure', 'floor p50', 'full p50', 'full p99', 'service p50', 'result', 'target', ''],
      [
        row(
          `bulk_update_tags 500 ids × 20 tags (n=${bulkFull.requests})`,
          bulkFloor,
          bulkFull,
          bulkService,
          `full/floor ${bulkRatio.toFixed(2)}×`,
          `≤ ${MAX_BULK_TAGS_RATIO}×`,
          verdict(bulkRatio <= MAX_BULK_TAGS_RATIO),
        ),
        row(
          `viewed 2,500 ids (n=${viewedFull.requests})`,
          viewedFloor,
          viewedFull,
          viewedService,
          `full−floor ${viewedOverhead >= 0 ? '+' : ''}${ms(viewedOverhead)} ms`,
          `≤ +${MAX_VIEWED_OVERHEAD_MS} ms`,
          verdict(viewedOverhead <= MAX_VIEWED_OVERHEAD_MS),
        ),
        row(
          `activity limit=100 page=1 (n=${firstFull.requests})`,
          firstFloor,
          firstFull,
          firstService,
          `full ${ms(firstFull.p50Ms)} ms (${(firstFull.p50Ms / firstFloor.p50Ms).toFixed(2)}× floor)`,
          `≤ ${MAX_ACTIVITY_FIRST_PAGE_MS} ms`,
          verdict(firstFull.p50Ms <= MAX_ACTIVITY_FIRST_PAGE_MS),
        ),
        row(
          `activity limit=100 page=${far} (n=${farFull.requests})`,
          farFloor,
          farFull,
          farService,
          `page ${far}/page 1 ${farRatio.toFixed(2)}× (${(farFull.p50Ms / farFloor.p50Ms).toFixed(2)}× floor)`,
          `≤ ${MAX_ACTIVITY_FAR_PAGE_RATIO}×`,
          verdict(farRatio <= MAX_ACTIVITY_FAR_PAGE_RATIO),
        ),
        row(
          `my_last_viewed (n=${lastFull.requests})`,
          lastFloor,
          lastFull,
          lastService,
          `full/floor ${(lastFull.p50Ms / lastFloor.p50Ms).toFixed(2)}×`,
          'reported',
          '',
        ),
        row(
          `trending (n=${trendFull.requests})`,
          trendFloor,
          trendFull,
          trendService,
          `full/floor ${(trendFull.p50Ms / trendFloor.p50Ms).toFixed(2)}×`,
          'reported',
          '',
        ),
        [
          `activity lag (n=${report.lag.lag.requests})`,
          '',
          ms(report.lag.lag.p50Ms),
          ms(report.lag.lag.p99Ms),
          '',
          `p99 ${ms(report.lag.lag.p99Ms)} ms`,
          `≤ ${MAX_ACTIVITY_LAG_P99_MS} ms`,
          verdict(report.lag.lag.p99Ms <= MAX_ACTIVITY_LAG_P99_MS),
        ],
      ],
    ),
    '',
    'floor: the same statements on one pg connection in this process; full: the REST request through the gateway;',
    'service: the service procedure the gateway calls, from this process over NATS (full − service ≈ the gateway).',
    '',
    'per-round p50 (ms):',
    ...[report.bulk, report.viewed, report.activityPages, report.views].flatMap((rounds) =>
      [...rounds].map(
        ([name, results]) => `  ${name.padEnd(26)} ${results.map((result) => ms(result.p50Ms).padStart(8)).join(' ')}`,
      ),
    ),
    '',
    `bulk_update_tags floor, median per step (one transaction; ${ms(bulkFloor.p50Ms)} ms p50 in all):`,
    ...report.bulkFloorSteps.map((step) => `  ${step.step.padEnd(30)} ${ms(step.medianMs).padStart(8)} ms`),
    `after each real bulk call (500 events), activity and views had handled its events ${ms(median(report.bulkSettleMs))} ms later (median of ${report.bulkSettleMs.length}; untimed)`,
    '',
    `activity lag: ${report.lag.lag.requests} renames (PATCH, p50 ${ms(report.lag.change.p50Ms)} ms) each followed by reads of ?limit=1 every ${report.lagPollMs} ms or back to back (median ${report.lag.readsPerSample} reads): lag p50 ${ms(report.lag.lag.p50Ms)} ms, p99 ${ms(report.lag.lag.p99Ms)} ms, max ${ms(report.lag.lag.samplesMs.at(-1) ?? Number.NaN)} ms`,
    '',
    `wall time ${formatWall(report.wallMs)} (the bench process, from start-up to clean-up; pnpm build not included)`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
