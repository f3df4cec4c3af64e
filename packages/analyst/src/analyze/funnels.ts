import { seriesLabel } from '../query/series-metric.js';
import type { StoredFunnelsQuery } from '../query/stored-insight-query.js';
import { formatDuration } from '../text/format-duration.js';
import { formatNumber, formatPercent, percentOf } from '../text/format-number.js';
import { countPhrase, nounFor, pluralNoun } from '../text/pluralize.js';
import { actorNoun } from './actor-noun.js';
import { breakdownDimension, breakdownValueLabel, isOtherBreakdownValue } from './breakdown-value.js';
import type { InsightAnalysis } from './insight-analysis.js';
import { indexOfMax, isFiniteNumber, isRecord } from './json-guards.js';

/*
 * Funnels (steps view), defined precisely:
 * - Step counts: `count` of each step object; with a breakdown (a list of step lists) the counts of the same step are
 *   added over all breakdown values.
 * - Overall conversion = last step count / first step count.
 * - Drop at step k (k ≥ 1) = count(k−1) − count(k) actors; its rate = that loss / count(k−1).
 * - The largest drop is the step with the largest absolute loss; ties go to the earliest step. Two-step funnels get
 *   no superlatives: their only drop is described as it is.
 * - Step conversion k = count(k) / count(k−1).
 * - Best-converting breakdown value: the highest overall conversion among values with a non-zero first step (the
 *   Other bucket excluded), ties to the first in result order.
 * - Median time to convert is quoted for two-step funnels without breakdown only: it is the engine's median of the
 *   last step, which is the whole funnel only when there are two steps, and medians of breakdown values cannot be
 *   combined.
 */

interface FunnelStep {
  count: number;
  name: string | null;
  medianSeconds: number | null;
  breakdownValue: unknown;
}

function readSteps(raw: unknown): FunnelStep[] | null {
  if (!Array.isArray(raw)) return null;
  const steps: FunnelStep[] = [];
  for (const step of raw) {
    if (!isRecord(step) || !isFiniteNumber(step.count)) return null;
    const name = [step.custom_name, step.name].find((candidate) => typeof candidate === 'string' && candidate !== '');
    steps.push({
      count: step.count,
      name: (name as string | undefined) ?? null,
      medianSeconds: isFiniteNumber(step.median_conversion_time) ? step.median_conversion_time : null,
      breakdownValue: step.breakdown_value ?? step.breakdown,
    });
  }
  return steps;
}

/** One step list per breakdown value (one list without breakdown), or null when the shape is not the steps view. */
function readStepLists(results: unknown): FunnelStep[][] | null {
  if (!Array.isArray(results)) return null;
  if (results.length === 0) return [];
  const lists = Array.isArray(results[0]) ? results.map(readSteps) : [readSteps(results)];
  if (lists.some((list) => list === null)) return null;
  const valid = lists as FunnelStep[][];
  const length = valid[0]!.length;
  return valid.every((list) => list.length === length) ? valid : null;
}

/** Actors per step, added over breakdown values; null when the results are not a readable steps view. */
export function funnelStepCounts(results: unknown): number[] | null {
  const lists = readStepLists(results);
  if (!lists || lists.length === 0) return null;
  return lists[0]!.map((_, step) => lists.reduce((total, list) => total + list[step]!.count, 0));
}

export function analyzeFunnel(query: StoredFunnelsQuery, results: unknown): InsightAnalysis | null {
  const vizType = query.funnelsFilter?.funnelVizType ?? 'steps';
  if (vizType !== 'steps') return null;
  const lists = readStepLists(results);
  if (!lists) return null;
  const actor = actorNoun(query.aggregation_group_type_index);
  const actors = pluralNoun(actor);
  const firstSeriesName = seriesLabel(query.series[0]) ?? 'the first step';
  if (lists.length === 0 || lists[0]!.length === 0) return noEntries(firstSeriesName, actors);
  const stepCount = lists[0]!.length;
  if (stepCount < 2) return null;

  const counts = funnelStepCounts(lists)!;
  const names = Array.from(
    { length: stepCount },
    (_, step) => lists[0]![step]!.name ?? seriesLabel(query.series[step]) ?? `Step ${step + 1}`,
  );
  const entered = counts[0]!;
  if (entered === 0) return noEntries(names[0]!, actors);
  const completed = counts[stepCount - 1]!;
  const overall = percentOf(completed, entered);
  const people = (value: number) => countPhrase(formatNumber(value), actor, actors);

  const losses = counts.slice(1).map((count, index) => counts[index]! - count);
  const largest = indexOfMax(losses);
  const from = names[largest]!;
  const to = names[largest + 1]!;
  const lost = losses[largest]!;
  const lostRate = percentOf(lost, counts[largest]!);
  const best = bestBreakdownValue();

  if (stepCount === 2) {
    const median = lists.length === 1 ? lists[0]![1]!.medianSeconds : null;
    return {
      headline: `${formatPercent(overall)} of ${people(entered)} who did ${from} went on to do ${to}.`,
      bullets: [
        `${people(completed)} converted and ${formatNumber(lost)} dropped off (${formatPercent(lostRate)}).`,
        median !== null ? `Median time to convert: ${formatDuration(median)}.` : null,
        best,
      ].filter((bullet): bullet is string => bullet !== null),
      takeaway:
        lost > 0
          ? `The ${people(lost)} who did ${from} but not ${to} are the group to study next.`
          : `Every ${actor} who did ${from} went on to do ${to}; check that the funnel window is not too generous.`,
    };
  }

  const tiedForLargest = losses.filter((loss) => loss === lost).length > 1;
  return {
    headline: `${formatPercent(overall)} of ${people(entered)} completed all ${stepCount} steps, from ${names[0]} to ${names[stepCount - 1]}.`,
    bullets: [
      `Largest drop: ${from} → ${to}, where ${people(lost)} (${formatPercent(lostRate)} of those who reached ${from}) did not continue.`,
      `Step conversion: ${losses
        .map(
          (_, index) =>
            `${names[index]} → ${names[index + 1]} ${formatPercent(percentOf(counts[index + 1]!, counts[index]!))}`,
        )
        .join(', ')}.`,
      best ?? `Overall: ${formatNumber(completed)} of ${people(entered)} converted.`,
    ],
    takeaway: tiedForLargest
      ? `Start with ${from} → ${to}, which loses as many ${actors} as any other step.`
      : `Focus on ${from} → ${to} first: it loses more ${actors} than any other step.`,
  };

  function bestBreakdownValue(): string | null {
    const dimension = breakdownDimension(query.breakdownFilter);
    if (!dimension || lists!.length < 2) return null;
    const rates = lists!.map((list) => {
      const first = list[0]!.count;
      if (first === 0 || isOtherBreakdownValue(list[0]!.breakdownValue)) return Number.NEGATIVE_INFINITY;
      return percentOf(list[stepCount - 1]!.count, first);
    });
    const index = indexOfMax(rates);
    if (rates[index] === Number.NEGATIVE_INFINITY) return null;
    const list = lists![index]!;
    const converted = formatNumber(list[stepCount - 1]!.count);
    const enteredText = formatNumber(list[0]!.count);
    return `Best-converting ${dimension} value: ${breakdownValueLabel(list[0]!.breakdownValue)} at ${formatPercent(rates[index]!)} (${converted} of ${enteredText} ${nounFor(enteredText, actor, actors)}).`;
  }
}

function noEntries(firstStep: string, actors: string): InsightAnalysis {
  return {
    headline: `No ${actors} entered this funnel in the selected range.`,
    bullets: [],
    takeaway: `Check that ${firstStep} is still being captured, or widen the date range.`,
  };
}
