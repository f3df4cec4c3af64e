import { cpus } from 'node:os';
import type { ActivityLagResult } from './activity-lag.js';
import { formatWall } from './bench-session.js';
import type { EventsHandled } from './events-handled.js';
import { type LatencyResult, latencyOf, median, pooledLatency } from './load.js';

type Rounds = Map<string, LatencyResult[]>;

/** What `pnpm bench endpoints` measured; a figure left out with `--only` is absent. */
export interface EndpointsReport {
  options: {
    rounds: number;
    insights: number;
    activityEntries: number;
    views: number;
    viewers: number;
  };
  seeding: { what: string; ms: number }[];
  /** `SHOW autovacuum` of the server the bench ran on. */
  autovacuum: string;
  /** The machine's 1-minute load average when the bench started and when it finished (other work on it shows). */
  loadAverage: { start: number; end: number };
  /** Rounds by subject name, as `measureInRounds` reports them. */
  views?: Rounds;
  activityPages?: Rounds;
  activityFarPage: number;
  viewed?: {
    rounds: Rounds;
    floorSteps: { step: string; medianMs: number }[];
  };
  bulk?: {
    rounds: Rounds;
    floorSteps: { step: string; medianMs: number }[];
    /** After each call of the real path: how long until activity and views had handled its events. */
    settles: EventsHandled[];
  };
  lag?: ActivityLagResult;
  lagPollMs: number;
  wallMs: number;
}

/** The targets of issue 3's benchmark. */
export const MAX_BULK_TAGS_RATIO = 3;
export const MAX_VIEWED_OVERHEAD_MS = 2;
export const MAX_ACTIVITY_FIRST_PAGE_MS = 5;
export const MAX_ACTIVITY_FAR_PAGE_RATIO = 10;
export const MAX_ACTIVITY_LAG_P99_MS = 100;
const MAX_BURST_CATCH_UP_P99_MS = 200;

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(2));
const ratio = (value: number) => `${value.toFixed(2)}×`;
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

/** Every round's samples of a subject pooled: p50 and p99 over all timed calls of the run. */
function pooled(rounds: Rounds, name: string): LatencyResult | undefined {
  const results = rounds.get(name);
  return results && results.length > 0 ? pooledLatency(results) : undefined;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  return [line(header), ...rows.map(line)];
}

interface Figure {
  name: string;
  floor?: LatencyResult;
  full: LatencyResult;
  service?: LatencyResult;
  result: string;
  target: string;
  pass?: boolean;
}

function figures(report: EndpointsReport): Figure[] {
  const rows: Figure[] = [];
  const far = report.activityFarPage;
  if (report.bulk) {
    const floor = pooled(report.bulk.rounds, 'bulk floor');
    const full = pooled(report.bulk.rounds, 'bulk full');
    if (floor && full) {
      const fullToFloor = full.p50Ms / floor.p50Ms;
      rows.push({
        name: `bulk_update_tags 500 ids × 20 tags`,
        floor,
        full,
        service: pooled(report.bulk.rounds, 'insights.bulkUpdateTags'),
        result: `full/floor ${ratio(fullToFloor)}`,
        target: `≤ ${MAX_BULK_TAGS_RATIO}× floor`,
        pass: fullToFloor <= MAX_BULK_TAGS_RATIO,
      });
    }
  }
  if (report.viewed) {
    const floor = pooled(report.viewed.rounds, 'viewed floor');
    const full = pooled(report.viewed.rounds, 'viewed full');
    if (floor && full) {
      const overhead = full.p50Ms - floor.p50Ms;
      rows.push({
        name: 'viewed 2,500 ids',
        floor,
        full,
        service: pooled(report.viewed.rounds, 'views.recordViews'),
        result: `full−floor ${overhead >= 0 ? '+' : ''}${ms(overhead)} ms`,
        target: `≤ floor + ${MAX_VIEWED_OVERHEAD_MS} ms`,
        pass: overhead <= MAX_VIEWED_OVERHEAD_MS,
      });
    }
  }
  if (report.activityPages) {
    const pages = report.activityPages;
    const firstFull = pooled(pages, 'page 1 full');
    const farFull = pooled(pages, `page ${far} full`);
    const firstFloor = pooled(pages, 'page 1 floor');
    const farFloor = pooled(pages, `page ${far} floor`);
    if (firstFull && firstFloor) {
      rows.push({
        name: 'activity ?limit=100&page=1',
        floor: firstFloor,
        full: firstFull,
        service: pooled(pages, 'page 1 activity.list'),
        result: `full ${ms(firstFull.p50Ms)} ms (${ratio(firstFull.p50Ms / firstFloor.p50Ms)} floor)`,
        target: `≤ ${MAX_ACTIVITY_FIRST_PAGE_MS} ms`,
        pass: firstFull.p50Ms <= MAX_ACTIVITY_FIRST_PAGE_MS,
      });
    }
    if (firstFull && farFull && farFloor) {
      const farToFirst = farFull.p50Ms / firstFull.p50Ms;
      rows.push({
        name: `activity ?limit=100&page=${far}`,
        floor: farFloor,
        full: farFull,
        service: pooled(pages, `page ${far} activity.list`),
        result: `page ${far}/page 1 ${ratio(farToFirst)} (${ratio(farFull.p50Ms / farFloor.p50Ms)} floor)`,
        target: `≤ ${MAX_ACTIVITY_FAR_PAGE_RATIO}× page 1`,
        pass: farToFirst <= MAX_ACTIVITY_FAR_PAGE_RATIO,
      });
    }
  }
  if (report.views) {
    for (const [endpoint, prefix, service] of [
      ['my_last_viewed', 'last_viewed', 'views.lastViewed'],
      ['trending', 'trending', 'views.trending'],
    ] as const) {
      const floor = pooled(report.views, `${prefix} floor`);
      const full = pooled(report.views, `${prefix} full`);
      if (!floor || !full) continue;
      rows.push({
        name: endpoint,
        floor,
        full,
        service: pooled(report.views, service),
        result: `full/floor ${ratio(full.p50Ms / floor.p50Ms)}`,
        target: 'reported',
      });
    }
  }
  if (report.bulk && report.bulk.settles.length > 0) {
    // Issue 12: the consumers handle a pulled batch per transaction; a 500-event burst is readable within 200 ms.
    const caughtUp = latencyOf(report.bulk.settles.map((settle) => Math.max(settle.activityMs, settle.viewsMs)));
    rows.push({
      name: '500-event burst (activity + views caught up)',
      full: caughtUp,
      result: `p99 ${ms(caughtUp.p99Ms)} ms`,
      target: `p99 ≤ ${MAX_BURST_CATCH_UP_P99_MS} ms`,
      pass: caughtUp.p99Ms <= MAX_BURST_CATCH_UP_P99_MS,
    });
  }
  if (report.lag) {
    const { lag } = report.lag;
    rows.push({
      name: 'activity lag (2xx → readable)',
      full: lag,
      result: `p99 ${ms(lag.p99Ms)} ms`,
      target: `p99 ≤ ${MAX_ACTIVITY_LAG_P99_MS} ms`,
      pass: lag.p99Ms <= MAX_ACTIVITY_LAG_P99_MS,
    });
  }
  return rows;
}

export function printEndpointsReport(report: EndpointsReport): void {
  const { options } = report;
  const rows = figures(report);
  const lines = [
    '',
    `pnpm bench endpoints: the REST request through the gateway (the system as separate processes on NATS) against a same-run floor (the same SQL from a bare pg connection in the bench process); ${options.insights} insights, ${options.activityEntries} activity entries, ${options.views} views by ${options.viewers} users; concurrency 1, ${options.rounds} rounds with the subjects alternated ABBA; p50/p99 over every timed call of all rounds, in ms`,
    '',
    ...report.seeding.map((seeded) => `seeded ${seeded.what} in ${(seeded.ms / 1000).toFixed(1)} s`),
    '',
    ...table(
      ['figure', 'n', 'floor p50', 'full p50', 'full p99', 'service p50', 'result', 'target', ''],
      rows.map((row) => [
        row.name,
        String(row.full.requests),
        ms(row.floor?.p50Ms),
        ms(row.full.p50Ms),
        ms(row.full.p99Ms),
        ms(row.service?.p50Ms),
        row.result,
        row.target,
        row.pass === undefined ? '' : verdict(row.pass),
      ]),
    ),
    '',
    'floor: the same statements on one pg connection in the bench process, no HTTP, NATS, tRPC or auth;',
    'service: the procedure the gateway calls, timed from the bench process over NATS (full − service ≈ the gateway).',
  ];
  const roundSets = [report.bulk?.rounds, report.viewed?.rounds, report.activityPages, report.views].filter(
    (rounds): rounds is Rounds => rounds !== undefined,
  );
  if (roundSets.length > 0) {
    lines.push(
      '',
      'p50 of each round (ms):',
      ...roundSets.flatMap((rounds) =>
        [...rounds].map(
          ([name, results]) =>
            `  ${name.padEnd(24)} ${results.map((result) => ms(result.p50Ms).padStart(8)).join(' ')}`,
        ),
      ),
    );
  }
  if (report.bulk) {
    const { floorSteps, settles } = report.bulk;
    lines.push(
      '',
      'bulk_update_tags floor, median of each step (one transaction):',
      ...floorSteps.map((step) => `  ${step.step.padEnd(30)} ${ms(step.medianMs).padStart(8)} ms`),
      `after each real call (500 insight.updated events), untimed: activity had handled them ${ms(median(settles.map((s) => s.activityMs)))} ms later, views ${ms(median(settles.map((s) => s.viewsMs)))} ms (medians of ${settles.length})`,
    );
  }
  if (report.viewed) lines.push('', ...viewedBreakdown(report.viewed));
  if (report.lag) {
    const { lag, change, readsPerSample } = report.lag;
    lines.push(
      '',
      `activity lag: ${lag.requests} renames (PATCH p50 ${ms(change.p50Ms)} ms), each followed by GET …/activity/?limit=1 every ${report.lagPollMs} ms or back to back (median ${readsPerSample} reads) until it shows the rename: p50 ${ms(lag.p50Ms)} ms, p99 ${ms(lag.p99Ms)} ms, max ${ms(lag.samplesMs.at(-1))} ms`,
    );
  }
  lines.push(
    '',
    `autovacuum on this server: ${report.autovacuum}; the bench vacuums the tables a write measurement churns before it`,
    `load average (1 min) at start ${report.loadAverage.start.toFixed(2)}, at the end ${report.loadAverage.end.toFixed(2)} (${cpus().length} CPUs; anything else running on the machine shows in the figures)`,
    `wall time ${formatWall(report.wallMs)} (the bench process, from start-up to clean-up; pnpm build not included)`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Where the time of `viewed` goes: the floor's two statements, then each hop of the real path around them. */
function viewedBreakdown(viewed: NonNullable<EndpointsReport['viewed']>): string[] {
  const step = (name: string) => viewed.floorSteps.find((s) => s.step === name)?.medianMs ?? Number.NaN;
  const check = step('insights: live ids + access');
  const upsert = step('views: upsert');
  const accessible = pooled(viewed.rounds, 'insights.accessible')?.p50Ms ?? Number.NaN;
  const recordViews = pooled(viewed.rounds, 'views.recordViews')?.p50Ms ?? Number.NaN;
  const full = pooled(viewed.rounds, 'viewed full')?.p50Ms ?? Number.NaN;
  const line = (what: string, value: number, note = '') => `  ${what.padEnd(48)} ${ms(value).padStart(8)} ms${note}`;
  return [
    'viewed, where the time goes (p50 of calls, medians of floor steps):',
    line("floor: insights' live ids + access overrides", check),
    line("floor: views' upsert of the views and the profile", upsert),
    line(
      'insights.accessible, from the bench over NATS',
      accessible,
      `   ${ms(accessible - check)} ms over its statements`,
    ),
    line(
      'views.recordViews, from the bench over NATS',
      recordViews,
      `   ${ms(recordViews - accessible - upsert)} ms over accessible + upsert`,
    ),
    line('POST …/viewed/ through the gateway', full, `   ${ms(full - recordViews)} ms over views.recordViews`),
  ];
}
