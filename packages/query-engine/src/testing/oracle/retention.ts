import type { Dataset } from '../dataset.js';
import { bucketStart, instant, nextBucket, type OracleInterval, oracleRange } from './date-rules.js';
import { type OracleEvent, prepareEvents } from './events.js';
import { rfc3339 } from './format.js';
import type { OracleProject } from './project.js';
import { matchesFilters, textOf } from './property-match.js';
import { wallAt } from './wall-clock.js';

type Json = Record<string, any>;
const PERIODS: Record<string, OracleInterval> = { Hour: 'hour', Day: 'day', Week: 'week', Month: 'month' };
const OTHER = '$$_posthog_breakdown_other_$$';

/** Expected response of a RetentionQuery (§4): cohorts by interval, returns counted per later interval. */
export function oracleRetention(query: Json, dataset: Dataset, project: OracleProject, now: Date): Json {
  const filter = query.retentionFilter ?? {};
  const period: string = filter.period ?? 'Day';
  const interval = PERIODS[period]!;
  const total: number = filter.totalIntervals ?? 8;
  const resolved = oracleRange(query.dateRange, interval, project.timezone, project.weekStartDay, now.getTime() * 1000);
  const end = bucketStart(nextBucket(resolved.to, interval), interval, project.weekStartDay);
  const start = query.dateRange?.date_from
    ? bucketStart(resolved.from, interval, project.weekStartDay)
    : nextBucket(end, interval, -total);
  const starts: number[] = [];
  for (let s = start; s < end; s = nextBucket(s, interval)) starts.push(s);
  const fromUs = instant(resolved, start);
  const endUs = instant(resolved, end);
  const indexOf = (e: OracleEvent) =>
    starts.indexOf(bucketStart(wallAt(e.at, project.timezone), interval, project.weekStartDay));

  const entity = (value: Json | undefined) => {
    const resolvedEntity = value ?? { id: '$pageview', type: 'events' };
    return {
      name: typeof resolvedEntity.id === 'string' ? resolvedEntity.id : null,
      properties: resolvedEntity.properties ?? [],
    };
  };
  const target = entity(filter.targetEntity);
  const returning = entity(filter.returningEntity);
  const base = (e: OracleEvent) =>
    e.at < endUs &&
    matchesFilters(query.properties, e) &&
    (!query.filterTestAccounts || matchesFilters(project.testAccountFilters, e));
  const isTarget = (e: OracleEvent, withProperties: boolean) =>
    (target.name === null || e.event === target.name) &&
    base(e) &&
    (!withProperties || matchesFilters(target.properties, e));
  const isReturn = (e: OracleEvent) =>
    (returning.name === null || e.event === returning.name) &&
    base(e) &&
    e.at >= fromUs &&
    matchesFilters(returning.properties, e);

  const dimension =
    query.breakdownFilter?.breakdown != null
      ? { property: query.breakdownFilter.breakdown, type: query.breakdownFilter.breakdown_type ?? 'event' }
      : null;
  const bvOf = (e: OracleEvent) => {
    if (!dimension) return null;
    return textOf((dimension.type === 'person' ? e.personProperties : e.properties)[dimension.property]) ?? '';
  };

  const events = prepareEvents(dataset);
  // cohort membership: person → cohort → breakdown value
  const memberships: Array<{ person: string; cohort: number; bv: string | null }> = [];
  const type = filter.retentionType ?? 'retention_recurring';
  if (type === 'retention_recurring') {
    const seen = new Set<string>();
    for (const e of events) {
      if (e.at < fromUs || !isTarget(e, true)) continue;
      const cohort = indexOf(e);
      if (cohort < 0 || seen.has(`${e.person}|${cohort}`)) continue;
      seen.add(`${e.person}|${cohort}`);
      memberships.push({ person: e.person, cohort, bv: bvOf(e) });
    }
  } else {
    const firstEver = type === 'retention_first_ever_occurrence';
    const first = new Map<string, OracleEvent>();
    for (const e of events) if (isTarget(e, !firstEver) && !first.has(e.person)) first.set(e.person, e);
    for (const [person, e] of first) {
      if (firstEver && !matchesFilters(target.properties, e)) continue;
      if (e.at < fromUs) continue;
      const cohort = indexOf(e);
      if (cohort >= 0) memberships.push({ person, cohort, bv: bvOf(e) });
    }
  }
  const minimum = filter.minimumOccurrences ?? 1;
  const returnCounts = new Map<string, number>();
  for (const e of events) {
    if (!isReturn(e)) continue;
    const b = indexOf(e);
    if (b < 0) continue;
    const key = `${e.person}|${b}`;
    returnCounts.set(key, (returnCounts.get(key) ?? 0) + 1);
  }
  const returned = (person: string, b: number) => (returnCounts.get(`${person}|${b}`) ?? 0) >= minimum;

  const groups = new Map<string, { bv: string | null; other: boolean; cells: number[][]; size: number }>();
  const groupFor = (bv: string | null) => {
    const key = JSON.stringify(bv);
    if (!groups.has(key)) {
      groups.set(key, { bv, other: false, cells: starts.map(() => new Array(total).fill(0)), size: 0 });
    }
    return groups.get(key)!;
  };
  for (const m of memberships) {
    const group = groupFor(m.bv);
    const row = group.cells[m.cohort]!;
    const bump = (k: number) => {
      row[k] = (row[k] ?? 0) + 1;
    };
    bump(0);
    group.size++;
    let furthest = 0;
    for (let k = 1; m.cohort + k < starts.length; k++) {
      if (!returned(m.person, m.cohort + k)) continue;
      furthest = k;
      if (!filter.cumulative && k < total) bump(k);
    }
    if (filter.cumulative) for (let k = 1; k <= Math.min(furthest, total - 1); k++) bump(k);
  }
  let ordered = [...groups.values()];
  if (dimension) {
    ordered.sort((a, b) => b.size - a.size || ((a.bv ?? '') < (b.bv ?? '') ? -1 : (a.bv ?? '') > (b.bv ?? '') ? 1 : 0));
    const limit = query.breakdownFilter?.breakdown_limit ?? 25;
    if (ordered.length > limit) {
      const other = { bv: OTHER, other: true, cells: starts.map(() => new Array(total).fill(0)), size: 0 };
      for (const g of ordered.slice(limit)) {
        for (const [c, row] of g.cells.entries()) {
          for (const [k, v] of row.entries()) other.cells[c]![k] = (other.cells[c]![k] ?? 0) + v;
        }
        other.size += g.size;
      }
      ordered = [...ordered.slice(0, limit), other];
    }
  } else if (ordered.length === 0) {
    ordered = [{ bv: null, other: false, cells: starts.map(() => new Array(total).fill(0)), size: 0 }];
  }
  const results = ordered.flatMap((g) =>
    starts.map((wall, c) => {
      const item: Json = {
        label: `${period} ${c}`,
        date: rfc3339(wall, project.timezone),
        values: g.cells[c]!.map((count, k) => ({ count, label: `${period} ${k}` })),
      };
      if (dimension) item.breakdown_value = g.bv;
      return item;
    }),
  );
  return { results };
}
