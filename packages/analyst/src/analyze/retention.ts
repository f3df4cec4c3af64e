import type { StoredRetentionEntity, StoredRetentionQuery } from '../query/stored-insight-query.js';
import { type BucketInterval, describeBucket, wallTimeIn } from '../text/format-date.js';
import { formatNumber, formatPercent, percentOf } from '../text/format-number.js';
import { countPhrase, pluralNoun } from '../text/pluralize.js';
import { actorNoun } from './actor-noun.js';
import type { InsightAnalysis } from './insight-analysis.js';
import { isFiniteNumber, isRecord } from './json-guards.js';

/*
 * Retention, defined precisely:
 * - Cohorts are the result rows; with a breakdown, rows of the same cohort (same `date`, else same `label`) are added
 *   cell by cell over all breakdown values. C = number of cohorts.
 * - Cohort c can have a return in period k only if c + k ≤ C − 1 (later cells lie beyond the range and are zero
 *   padding, not "nobody came back"). Such cohorts are "eligible" for k.
 * - Period-k retention R(k) = Σ cell(c, k) / Σ cell(c, 0) over the cohorts eligible for k (weighted by cohort size);
 *   undefined when those cohorts are empty.
 * - The last period K is the largest k with a defined R(k).
 * - Shape (needs K ≥ 2): the curve flattens from period s, the smallest s in 1…K−1 such that R(s…K) stay within
 *   2 percentage points of each other; otherwise it keeps falling when R(K) < R(1), and rises when not.
 */

const PLATEAU_TOLERANCE_POINTS = 2;

const PERIOD_INTERVALS: Record<string, BucketInterval> = { Hour: 'hour', Day: 'day', Week: 'week', Month: 'month' };

interface Cohort {
  date: unknown;
  counts: number[];
}

function readRows(results: unknown): Array<Cohort & { key: string; breakdown: boolean }> | null {
  if (!Array.isArray(results)) return null;
  const rows: Array<Cohort & { key: string; breakdown: boolean }> = [];
  for (const [index, row] of results.entries()) {
    if (!isRecord(row) || !Array.isArray(row.values)) return null;
    const counts: number[] = [];
    for (const cell of row.values) {
      const count = isRecord(cell) ? cell.count : cell;
      if (!isFiniteNumber(count)) return null;
      counts.push(count);
    }
    const key = typeof row.date === 'string' ? row.date : typeof row.label === 'string' ? row.label : `#${index}`;
    rows.push({ date: row.date, counts, key, breakdown: 'breakdown_value' in row });
  }
  return rows;
}

function combineCohorts(rows: Array<Cohort & { key: string; breakdown: boolean }>): Cohort[] {
  if (!rows.some((row) => row.breakdown)) return rows;
  const byKey = new Map<string, Cohort>();
  for (const row of rows) {
    const cohort = byKey.get(row.key);
    if (!cohort) {
      byKey.set(row.key, { date: row.date, counts: [...row.counts] });
      continue;
    }
    row.counts.forEach((count, index) => {
      cohort.counts[index] = (cohort.counts[index] ?? 0) + count;
    });
  }
  return [...byKey.values()];
}

function entityLabel(entity: StoredRetentionEntity | null | undefined): string {
  const name = entity?.custom_name || entity?.name || entity?.id;
  return name === null || name === undefined || name === '' ? '$pageview' : String(name);
}

interface PeriodRetention {
  period: number;
  returned: number;
  size: number;
  percent: number;
}

export function analyzeRetention(
  query: StoredRetentionQuery,
  results: unknown,
  timezone: string,
): InsightAnalysis | null {
  const rows = readRows(results);
  if (!rows) return null;
  const cohorts = combineCohorts(rows);
  const actor = actorNoun(query.aggregation_group_type_index);
  const actors = pluralNoun(actor);
  const people = (value: number) => countPhrase(formatNumber(value), actor, actors);
  const target = entityLabel(query.retentionFilter.targetEntity);
  const periodName = query.retentionFilter.period ?? 'Day';
  const interval = PERIOD_INTERVALS[periodName] ?? 'day';
  const periodWord = periodName.toLowerCase();
  const on = periodName === 'Day' ? 'on' : 'in';
  const started = cohorts.reduce((total, cohort) => total + (cohort.counts[0] ?? 0), 0);
  if (started === 0) {
    return {
      headline: `No ${actors} did ${target} in the selected range, so there is no retention to measure.`,
      bullets: [],
      takeaway: `Check that ${target} is still being captured, or widen the date range.`,
    };
  }

  const cohortCount = cohorts.length;
  const periodsPerCohort = Math.max(...cohorts.map((cohort) => cohort.counts.length));
  const retention: PeriodRetention[] = [];
  for (let period = 1; period < periodsPerCohort; period++) {
    let returned = 0;
    let size = 0;
    for (let cohort = 0; cohort + period <= cohortCount - 1; cohort++) {
      const counts = cohorts[cohort]!.counts;
      if (counts.length <= period) continue;
      size += counts[0]!;
      returned += counts[period]!;
    }
    if (size > 0) retention.push({ period, returned, size, percent: percentOf(returned, size) });
  }
  const first = retention.find((entry) => entry.period === 1);
  if (!first) {
    return {
      headline: `${people(started)} did ${target} in the selected range, but no cohort has reached ${periodName} 1 yet.`,
      bullets: [],
      takeaway: `Extend the date range to see how many ${actors} come back after their first ${periodWord}.`,
    };
  }
  const last = retention[retention.length - 1]!;

  const cohortDate = (index: number) => {
    const time = wallTimeIn(cohorts[index]?.date, timezone);
    return time ? describeBucket(time, interval) : null;
  };
  const firstCohort = cohortDate(0);
  const lastFirstPeriodCohort = cohortDate(cohortCount - 2);
  let cohortSpan = '';
  if (firstCohort && lastFirstPeriodCohort) {
    cohortSpan =
      cohortCount - 2 === 0
        ? `, in the cohort of ${firstCohort}`
        : `, across the cohorts from ${firstCohort} to ${lastFirstPeriodCohort}`;
  }

  const bullets = [
    `${periodName} 1: ${formatNumber(first.returned)} of ${people(first.size)} returned (${formatPercent(first.percent)})${cohortSpan}.`,
  ];
  const shape = last.period >= 2 ? describeShape() : null;
  if (last.period >= 2) {
    bullets.push(
      `${periodName} ${last.period}: ${formatNumber(last.returned)} of ${people(last.size)} returned (${formatPercent(last.percent)}), counting only the cohorts old enough to reach it.`,
    );
    bullets.push(shape!.bullet);
  }

  const headline =
    last.period >= 2
      ? `${formatPercent(first.percent)} of ${actors} who did ${target} came back ${on} ${periodName} 1, and ${formatPercent(last.percent)} ${on} ${periodName} ${last.period}.`
      : `${formatPercent(first.percent)} of ${actors} who did ${target} came back ${on} ${periodName} 1.`;

  return {
    headline,
    bullets,
    takeaway: shape?.takeaway ?? `Extend the date range to see where the retention curve levels off.`,
  };

  function describeShape(): { bullet: string; takeaway: string } {
    const percents = retention.map((entry) => entry.percent);
    for (let start = 0; start < retention.length - 1; start++) {
      const tail = percents.slice(start);
      const low = Math.min(...tail);
      const high = Math.max(...tail);
      if (high - low <= PLATEAU_TOLERANCE_POINTS) {
        const from = retention[start]!.period;
        return {
          bullet: `Shape: the curve flattens from ${periodName} ${from}, staying between ${formatPercent(low)} and ${formatPercent(high)} through ${periodName} ${last.period}.`,
          takeaway: `A stable core of about ${formatPercent(last.percent)} keeps coming back; find out what those ${actors} do in their first ${periodWord} that others do not.`,
        };
      }
    }
    if (last.percent < first!.percent) {
      return {
        bullet: `Shape: retention keeps falling, from ${formatPercent(first!.percent)} ${on} ${periodName} 1 to ${formatPercent(last.percent)} ${on} ${periodName} ${last.period}, with no plateau yet.`,
        takeaway: `Retention has not levelled off by ${periodName} ${last.period}; look at what ${actors} do before they stop coming back.`,
      };
    }
    return {
      bullet: `Shape: retention rises after ${periodName} 1, from ${formatPercent(first!.percent)} to ${formatPercent(last.percent)} ${on} ${periodName} ${last.period}.`,
      takeaway: `Find out what brings ${actors} back later on; it may be a habit worth encouraging earlier.`,
    };
  }
}
