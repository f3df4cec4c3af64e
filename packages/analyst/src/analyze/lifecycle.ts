import { seriesLabel } from '../query/series-metric.js';
import type { StoredLifecycleQuery } from '../query/stored-insight-query.js';
import { describeBucket, parseBucketDay } from '../text/format-date.js';
import { formatNumber, formatPercent, formatSigned, percentOf } from '../text/format-number.js';
import { countPhrase, pluralNoun } from '../text/pluralize.js';
import { actorNoun } from './actor-noun.js';
import { bucketInterval } from './bucket-interval.js';
import type { InsightAnalysis } from './insight-analysis.js';
import { isFiniteNumber, isRecord, sum } from './json-guards.js';

/*
 * Lifecycle, defined precisely:
 * - Each status's figure is the sum of its `data` over all buckets (a user returning on five days counts five times,
 *   exactly as the chart stacks them); dormant counts are negative in the results and are used as absolute values.
 * - Active = new + returning + resurrecting. Each active status's share = its figure / active.
 * - The dominant status is the largest of new, returning, resurrecting; ties go in that order.
 * - Gained = new + resurrecting; net = gained − dormant; quick ratio = gained / dormant (only when dormant > 0).
 * - The latest bucket is the last entry of the series' `days`.
 */

const STATUSES = ['new', 'returning', 'resurrecting', 'dormant'] as const;
type Status = (typeof STATUSES)[number];

function readStatuses(
  results: unknown,
): { totals: Record<Status, number>; latest: Record<Status, number>; days: unknown[] } | null {
  if (!Array.isArray(results)) return null;
  const totals: Record<Status, number> = { new: 0, returning: 0, resurrecting: 0, dormant: 0 };
  const latest: Record<Status, number> = { new: 0, returning: 0, resurrecting: 0, dormant: 0 };
  let days: unknown[] = [];
  let seen = 0;
  for (const raw of results) {
    if (!isRecord(raw) || !Array.isArray(raw.data) || !raw.data.every(isFiniteNumber)) return null;
    const status = STATUSES.find((candidate) => candidate === raw.status);
    if (!status) continue;
    seen++;
    totals[status] += Math.abs(sum(raw.data));
    latest[status] += Math.abs(raw.data[raw.data.length - 1] ?? 0);
    if (Array.isArray(raw.days) && raw.days.length > days.length) days = raw.days;
  }
  return seen === 0 && results.length > 0 ? null : { totals, latest, days };
}

export function analyzeLifecycle(query: StoredLifecycleQuery, results: unknown): InsightAnalysis | null {
  const statuses = readStatuses(results);
  if (!statuses) return null;
  const { totals, latest, days } = statuses;
  const actor = actorNoun(query.aggregation_group_type_index);
  const actors = pluralNoun(actor);
  const people = (value: number) => countPhrase(formatNumber(value), actor, actors);
  const label = seriesLabel(query.series[0]) ?? 'this event';
  const interval = bucketInterval(query.interval);
  const active = totals.new + totals.returning + totals.resurrecting;
  if (active === 0 && totals.dormant === 0) {
    return {
      headline: `No ${actors} did ${label} in the selected range.`,
      bullets: [],
      takeaway: 'Widen the date range or check that the event is still being captured.',
    };
  }

  const gained = totals.new + totals.resurrecting;
  const net = gained - totals.dormant;
  const activeStatuses = ['new', 'returning', 'resurrecting'] as const;
  const dominant = activeStatuses.reduce(
    (best, status) => (totals[status] > totals[best] ? status : best),
    'new' as Status,
  );
  const share = (status: Status) => formatPercent(percentOf(totals[status], active));
  const bucketCount = days.length;
  const spanWords = bucketCount > 0 ? ` summed over ${countPhrase(formatNumber(bucketCount), interval)}` : '';

  const bullets = [
    `Active mix${spanWords}: ${formatNumber(totals.new)} new (${share('new')}), ${formatNumber(totals.returning)} returning (${share('returning')}), ${formatNumber(totals.resurrecting)} resurrecting (${share('resurrecting')}).`,
    `Gained vs lost: ${formatNumber(gained)} new or resurrecting against ${formatNumber(totals.dormant)} going dormant (net ${formatSigned(net)}${
      totals.dormant > 0 ? `, quick ratio ${(gained / totals.dormant).toFixed(2)}` : ''
    }).`,
  ];
  const lastDay = parseBucketDay(days[bucketCount - 1]);
  if (lastDay) {
    bullets.push(
      `Latest ${interval} (${describeBucket(lastDay, interval)}): ${formatNumber(latest.new)} new, ${formatNumber(latest.returning)} returning, ${formatNumber(latest.resurrecting)} resurrecting, ${formatNumber(latest.dormant)} dormant.`,
    );
  }

  const dominantShare = percentOf(totals[dominant], active);
  const headline =
    active === 0
      ? `No ${actors} were active on ${label} in the selected range, while ${people(totals.dormant)} went dormant.`
      : `${capitalize(dominant)} ${actors} ${dominantShare >= 50 ? 'dominate' : 'are the largest group'}: ${formatPercent(dominantShare)} of active ${actors} on ${label} (${formatNumber(totals[dominant])} of ${formatNumber(active)}).`;

  let takeaway: string;
  if (net < 0) {
    takeaway = `More ${actors} are going dormant than are arriving or coming back; look at what dormant ${actors} did before they left.`;
  } else if (dominant === 'returning') {
    takeaway = `The active base is mostly returning ${actors} and is not shrinking; keep an eye on the dormant count for early signs of churn.`;
  } else {
    takeaway = `Growth leans on ${dominant} ${actors}; check how many of them turn into returning ${actors} in the next ${interval}.`;
  }
  return { headline, bullets, takeaway };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
