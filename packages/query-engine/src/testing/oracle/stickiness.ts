import type { Dataset } from '../dataset.js';
import {
  bucketStart,
  instant,
  type OracleInterval,
  type OracleRange,
  oraclePreviousRange,
  oracleRange,
} from './date-rules.js';
import { prepareEvents } from './events.js';
import type { OracleProject } from './project.js';
import { matchesFilters } from './property-match.js';
import { wallAt } from './wall-clock.js';

type Json = Record<string, any>;

/** Expected response of a StickinessQuery (§5): per person, the number of intervals they were active in. */
export function oracleStickiness(query: Json, dataset: Dataset, project: OracleProject, now: Date): Json {
  const interval: OracleInterval = query.interval ?? 'day';
  const current = oracleRange(query.dateRange, interval, project.timezone, project.weekStartDay, now.getTime() * 1000);
  const compare = Boolean(query.compareFilter?.compare);
  const periods: Array<[string, OracleRange]> = [['current', current]];
  if (compare) periods.push(['previous', oraclePreviousRange(current, query.compareFilter?.compare_to)]);
  const cumulative = query.stickinessFilter?.computedAs === 'cumulative';
  const criteria = query.stickinessFilter?.stickinessCriteria ?? { operator: 'gte', value: 1 };
  const events = prepareEvents(dataset);
  const results: Json[] = [];
  query.series.forEach((node: Json, order: number) => {
    for (const [periodLabel, range] of periods) {
      const fromUs = instant(range, range.filterFrom);
      const toUs = instant(range, range.to);
      const perPersonInterval = new Map<string, Map<number, number>>();
      for (const e of events) {
        if (e.at < fromUs || e.at > toUs) continue;
        if (node.event != null && e.event !== node.event) continue;
        if (
          !matchesFilters(query.properties, e) ||
          !matchesFilters([...(node.properties ?? []), ...(node.fixedProperties ?? [])], e)
        )
          continue;
        if (query.filterTestAccounts && !matchesFilters(project.testAccountFilters, e)) continue;
        const b = bucketStart(wallAt(e.at, range.zone), range.interval, range.weekStart);
        if (!perPersonInterval.has(e.person)) perPersonInterval.set(e.person, new Map());
        const counts = perPersonInterval.get(e.person)!;
        counts.set(b, (counts.get(b) ?? 0) + 1);
      }
      const n = range.buckets.length;
      const exactly = new Array(n).fill(0);
      for (const counts of perPersonInterval.values()) {
        const active = [...counts.values()].filter((c) =>
          criteria.operator === 'gte'
            ? c >= criteria.value
            : criteria.operator === 'lte'
              ? c <= criteria.value
              : c === criteria.value,
        ).length;
        if (active >= 1 && active <= n) exactly[active - 1]++;
      }
      const data = cumulative ? exactly.map((_, k) => exactly.slice(k).reduce((a, b) => a + b, 0)) : exactly;
      const label = node.event ?? 'All events';
      const item: Json = {
        count: exactly.reduce((a, b) => a + b, 0),
        data,
        days: exactly.map((_, k) => k + 1),
        labels: exactly.map((_, k) => `${k + 1} ${interval}${k === 0 ? '' : 's'}${cumulative ? ' or more' : ''}`),
        label,
        action: { order, type: 'events', name: label, id: node.event ?? null, custom_name: node.custom_name ?? null },
      };
      if (compare) {
        item.compare = true;
        item.compare_label = periodLabel;
      }
      results.push(item);
    }
  });
  return { results };
}
