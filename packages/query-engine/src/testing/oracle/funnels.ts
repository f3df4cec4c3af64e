import type { Dataset } from '../dataset.js';
import { bucketStart, instant, type OracleInterval, oracleRange } from './date-rules.js';
import { type OracleEvent, prepareEvents } from './events.js';
import { dayString, labelString, rfc3339 } from './format.js';
import type { OracleProject } from './project.js';
import { matchesFilters, textOf } from './property-match.js';
import { mean, quantile } from './statistics.js';
import { wallAt } from './wall-clock.js';

type Json = Record<string, any>;

interface Attempt {
  t0: number;
  times: number[];
  reached: number;
}

const WINDOW_UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86400,
  week: 604800,
  month: 31 * 86400,
};

/** Expected response of a FunnelsQuery (§3), by walking each person's events. */
export function oracleFunnels(query: Json, dataset: Dataset, project: OracleProject, now: Date): Json {
  const filter = query.funnelsFilter ?? {};
  const order: string = filter.funnelOrderType ?? 'ordered';
  const viz: string = filter.funnelVizType ?? 'steps';
  const interval: OracleInterval = query.interval ?? 'day';
  const range = oracleRange(query.dateRange, interval, project.timezone, project.weekStartDay, now.getTime() * 1000);
  const fromUs = instant(range, range.from);
  const toUs = instant(range, range.to);
  const window = (filter.funnelWindowInterval ?? 14) * WINDOW_UNIT_SECONDS[filter.funnelWindowIntervalUnit ?? 'day']!;
  const allSteps: Json[] = query.series;
  const stepCount = viz === 'trends' ? (filter.funnelToStep ?? allSteps.length - 1) + 1 : allSteps.length;
  const steps = allSteps.slice(0, stepCount);
  const matchesStep = (e: OracleEvent, k: number) =>
    (steps[k]!.event == null || e.event === steps[k]!.event) &&
    matchesFilters([...(steps[k]!.properties ?? []), ...(steps[k]!.fixedProperties ?? [])], e);

  const byPerson = new Map<string, OracleEvent[]>();
  for (const e of prepareEvents(dataset)) {
    if (e.at < fromUs || e.at > toUs) continue;
    if (!matchesFilters(query.properties, e)) continue;
    if (query.filterTestAccounts && !matchesFilters(project.testAccountFilters, e)) continue;
    if (order !== 'strict' && !steps.some((_, k) => matchesStep(e, k))) continue;
    if (!byPerson.has(e.person)) byPerson.set(e.person, []);
    byPerson.get(e.person)!.push(e);
  }
  const seconds = (e: OracleEvent) => e.at / 1e6;

  function attemptsOf(list: OracleEvent[]): Attempt[] {
    const attempts: Attempt[] = [];
    for (let i = 0; i < list.length; i++) {
      const start = list[i]!;
      if (order === 'unordered') {
        if (!steps.some((_, k) => matchesStep(start, k))) continue;
        const found: number[] = [];
        for (let k = 0; k < steps.length; k++) {
          const hit = list.slice(i).find((e) => matchesStep(e, k));
          if (hit && seconds(hit) - seconds(start) <= window) found.push(seconds(hit));
        }
        found.sort((a, b) => a - b);
        attempts.push({ t0: seconds(start), times: found, reached: found.length - 1 });
        continue;
      }
      if (!matchesStep(start, 0)) continue;
      const times = [seconds(start)];
      let position = i;
      for (let k = 1; k < steps.length; k++) {
        let next = -1;
        if (order === 'strict') {
          if (position + 1 < list.length && matchesStep(list[position + 1]!, k)) next = position + 1;
        } else {
          for (let j = position + 1; j < list.length; j++) {
            if (matchesStep(list[j]!, k)) {
              next = j;
              break;
            }
          }
        }
        if (next < 0) break;
        times.push(seconds(list[next]!));
        position = next;
      }
      const reached = times.slice(1).filter((t) => t - times[0]! <= window).length;
      attempts.push({ t0: times[0]!, times, reached });
    }
    return attempts;
  }

  function bestOf(attempts: Attempt[]): Attempt | null {
    let best: Attempt | null = null;
    for (const a of attempts) {
      if (
        !best ||
        a.reached > best.reached ||
        (a.reached === best.reached &&
          (a.times[a.reached]! < best.times[best.reached]! ||
            (a.times[a.reached] === best.times[best.reached] && a.t0 > best.t0)))
      ) {
        best = a;
      }
    }
    return best;
  }

  const base = {
    isUdf: true,
    resolved_date_range: { date_from: rfc3339(range.from, range.zone), date_to: rfc3339(range.to, range.zone) },
  };

  if (viz === 'trends') {
    const from = filter.funnelFromStep ?? 0;
    const to = stepCount - 1;
    const reachedFrom = new Array(range.buckets.length).fill(0);
    const reachedTo = new Array(range.buckets.length).fill(0);
    const bucketIndex = new Map(range.buckets.map((wall, index) => [wall, index]));
    for (const list of byPerson.values()) {
      const perBucket = new Map<number, number>();
      for (const a of attemptsOf(list)) {
        const b = bucketIndex.get(bucketStart(wallAt(a.t0 * 1e6, range.zone), range.interval, range.weekStart));
        if (b === undefined) continue;
        perBucket.set(b, Math.max(perBucket.get(b) ?? -1, a.reached));
      }
      for (const [b, reached] of perBucket) {
        if (reached >= from) reachedFrom[b]++;
        if (reached >= to) reachedTo[b]++;
      }
    }
    return {
      ...base,
      results: [
        {
          count: range.buckets.length,
          data: range.buckets.map((_, b) =>
            reachedFrom[b] === 0 ? 0 : Math.round((reachedTo[b] / reachedFrom[b]) * 10000) / 100,
          ),
          days: range.buckets.map((wall) => dayString(wall, range.interval === 'hour' || range.interval === 'minute')),
          labels: range.buckets.map((wall) => labelString(wall, range.interval, range.from, range.to)),
        },
      ],
    };
  }

  const bests = new Map<string, Attempt>();
  for (const [person, list] of byPerson) {
    const best = bestOf(attemptsOf(list));
    if (best) bests.set(person, best);
  }

  if (viz === 'time_to_convert') {
    const from = filter.funnelFromStep ?? 0;
    const to = filter.funnelToStep ?? allSteps.length - 1;
    const timings = [...bests.values()].filter((a) => a.reached >= to).map((a) => a.times[to]! - a.times[from]!);
    if (timings.length === 0) return { ...base, results: { average_conversion_time: null, bins: [] } };
    const binCount =
      filter.binCount != null
        ? Math.min(90, Math.max(1, filter.binCount))
        : Math.min(60, Math.max(1, Math.ceil(Math.cbrt(timings.length))));
    const min = Math.floor(Math.min(...timings));
    const max = Math.ceil(Math.max(...timings));
    const raw = Math.ceil((max - min) / binCount);
    const width = raw > 0 ? raw : 60;
    const bins: Array<[number, number]> = [];
    for (let n = 0; n <= binCount; n++) {
      bins.push([min + n * width, timings.filter((t) => Math.floor((t - min) / width) === n).length]);
    }
    return { ...base, results: { average_conversion_time: mean(timings), bins } };
  }

  const dims: Json[] = query.breakdownFilter?.breakdowns?.length
    ? query.breakdownFilter.breakdowns.map((b: Json) => ({ property: b.property, type: b.type ?? 'event' }))
    : query.breakdownFilter?.breakdown != null
      ? [{ property: query.breakdownFilter.breakdown, type: query.breakdownFilter.breakdown_type ?? 'event' }]
      : [];
  const stepObjects = (people: Attempt[], bv: string[] | null) =>
    steps.map((node, k) => {
      const converted = people.filter((a) => a.reached >= k).map((a) => a.times[k]! - a.times[k - 1]!);
      const step: Json = {
        action_id: order === 'unordered' ? null : (node.event ?? null),
        name: order === 'unordered' ? `Completed ${k + 1} step${k === 0 ? '' : 's'}` : (node.event ?? null),
        custom_name: order === 'unordered' ? null : (node.custom_name ?? null),
        order: k,
        people: [],
        count: people.filter((a) => a.reached >= k).length,
        type: 'events',
        average_conversion_time: k === 0 ? null : mean(converted),
        median_conversion_time: k === 0 ? null : quantile(converted, 0.5),
      };
      if (bv) {
        step.breakdown = bv;
        step.breakdown_value = bv;
      }
      return step;
    });

  if (dims.length === 0) return { ...base, results: bests.size === 0 ? [] : stepObjects([...bests.values()], null) };

  const last = filter.breakdownAttributionType === 'last_touch';
  const attributedValue = (e: OracleEvent, d: Json) => {
    const text = textOf((d.type === 'person' ? e.personProperties : e.properties)[d.property]);
    return text === '' ? null : text;
  };
  const groups = new Map<string, { bv: string[]; people: Attempt[] }>();
  for (const [person, best] of bests) {
    const list = last ? [...byPerson.get(person)!].reverse() : byPerson.get(person)!;
    const source = list.find((e) => dims.some((d) => attributedValue(e, d) !== null));
    const bv = dims.map((d) => (source ? (attributedValue(source, d) ?? '') : ''));
    const key = JSON.stringify(bv);
    if (!groups.has(key)) groups.set(key, { bv, people: [] });
    groups.get(key)!.people.push(best);
  }
  const compareArrays = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  const ranked = [...groups.values()].sort((a, b) => b.people.length - a.people.length || compareArrays(a.bv, b.bv));
  const limit = query.breakdownFilter?.breakdown_limit ?? 25;
  const kept = ranked.slice(0, limit);
  if (ranked.length > limit) {
    kept.push({ bv: dims.map(() => 'Other'), people: ranked.slice(limit).flatMap((g) => g.people) });
  }
  const lists = kept.map((g) => stepObjects(g.people, g.bv));
  lists.sort((a, b) => {
    for (let k = steps.length - 1; k >= 0; k--) if (a[k]!.count !== b[k]!.count) return b[k]!.count - a[k]!.count;
    const x = JSON.stringify(a[0]!.breakdown_value);
    const y = JSON.stringify(b[0]!.breakdown_value);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { ...base, results: lists };
}
