import type { Dataset } from '../dataset.js';
import { bucketStart, instant, nextBucket, type OracleInterval, oracleRange } from './date-rules.js';
import { prepareEvents } from './events.js';
import { dayString, labelString, rfc3339 } from './format.js';
import type { OracleProject } from './project.js';
import { matchesFilters } from './property-match.js';
import { wallAt } from './wall-clock.js';

type Json = Record<string, any>;

/** Expected response of a LifecycleQuery (§6), classifying each person's active buckets one by one. */
export function oracleLifecycle(query: Json, dataset: Dataset, project: OracleProject, now: Date): Json {
  const interval: OracleInterval = query.interval ?? 'day';
  const range = oracleRange(query.dateRange, interval, project.timezone, project.weekStartDay, now.getTime() * 1000);
  const node = query.series[0];
  const buckets = range.buckets;
  const before = nextBucket(buckets[0]!, interval, -1);
  const after = nextBucket(buckets[buckets.length - 1]!, interval, 1);
  const [fromUs, endUs] = [instant(range, before), instant(range, after)];
  const bucketOf = (at: number) => bucketStart(wallAt(at, range.zone), interval, range.weekStart);
  const active = new Map<string, Set<number>>();
  const created = new Map<string, number | null>();
  for (const e of prepareEvents(dataset)) {
    if (e.at < fromUs || e.at >= endUs) continue;
    if (node.event != null && e.event !== node.event) continue;
    if (e.properties.$process_person_profile === false || e.properties.$process_person_profile === 'false') continue;
    if (
      !matchesFilters(query.properties, e) ||
      !matchesFilters([...(node.properties ?? []), ...(node.fixedProperties ?? [])], e)
    )
      continue;
    if (query.filterTestAccounts && !matchesFilters(project.testAccountFilters, e)) continue;
    if (!active.has(e.person)) active.set(e.person, new Set());
    active.get(e.person)!.add(bucketOf(e.at));
    created.set(e.person, e.personCreatedAt === null ? null : bucketOf(e.personCreatedAt));
  }
  const statuses = ['new', 'returning', 'resurrecting', 'dormant'] as const;
  const counts = Object.fromEntries(statuses.map((s) => [s, new Array(buckets.length).fill(0)])) as Record<
    string,
    number[]
  >;
  const bump = (status: string, index: number, by: number) => {
    counts[status]![index] = (counts[status]![index] ?? 0) + by;
  };
  for (const [person, set] of active) {
    buckets.forEach((bucket, index) => {
      const previous = index === 0 ? before : buckets[index - 1]!;
      const isActive = set.has(bucket);
      const wasActive = set.has(previous);
      if (isActive) {
        if (created.get(person) === bucket) bump('new', index, 1);
        else if (wasActive) bump('returning', index, 1);
        else bump('resurrecting', index, 1);
      } else if (wasActive) {
        bump('dormant', index, -1);
      }
    });
  }
  const label = node.event ?? 'All events';
  return {
    results: statuses.map((status) => ({
      status,
      label: `${label} - ${status}`,
      data: counts[status],
      count: counts[status]!.reduce((a, b) => a + b, 0),
      labels: buckets.map((wall) => labelString(wall, interval, range.from, range.to)),
      days: buckets.map((wall) => dayString(wall, interval === 'hour')),
      action: { id: node.event ?? null, name: label, type: 'events', order: 0, math: 'total' },
    })),
    resolved_date_range: { date_from: rfc3339(range.from, range.zone), date_to: rfc3339(range.to, range.zone) },
  };
}
