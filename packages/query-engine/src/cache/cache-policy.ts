import { epochMicrosOf } from '../dates/zoned-time.js';
import { parseQuery } from '../parse-query.js';
import type { ProjectSettings } from '../project.js';
import { resolvedPeriod } from './resolved-period.js';

export interface CachePolicy {
  /** Seconds after computation when a cached result becomes stale; null = never (historic range, or no threshold). */
  targetAgeSeconds: number | null;
  /** The same for lazy refresh modes (`lazy_async`). */
  lazyTargetAgeSeconds: number | null;
  /** Seconds until a client may ask for a recomputation (`next_allowed_client_refresh`; advisory). */
  refreshFrequencySeconds: number;
  /** The time range the query reads, resolved at `now` (`all` as the start of time): events in it change the answer. */
  period: { from: Date; to: Date };
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

const STALENESS: Record<string, { normal: number; lazy: number }> = {
  minute: { normal: 5 * MINUTE, lazy: 15 * MINUTE },
  hour: { normal: HOUR, lazy: 2 * HOUR },
  day: { normal: 6 * HOUR, lazy: 12 * HOUR },
  week: { normal: DAY, lazy: DAY },
  month: { normal: DAY, lazy: DAY },
};

/** A resolved `date_to` this long before the computation makes the range historic: it never goes stale. */
const HISTORIC_MARGIN_MICROS = 10_000_000;

/**
 * §7.3: how long a result computed at `now` stays fresh and when a client may refresh it. Staleness follows the
 * query's interval (retention: its period); a range that ended before `now` (minus 10 s) never goes stale.
 * Refresh: every minute for minute intervals; 3 minutes for hourly queries or ranges of at most 7 days; else 15.
 */
export function cachePolicy(node: unknown, project: ProjectSettings, now: Date): CachePolicy {
  const query = parseQuery(node);
  const nowMicros = epochMicrosOf(now);
  const period = resolvedPeriod(query, {
    timezone: project.timezone,
    weekStartDay: project.weekStartDay,
    now: nowMicros,
    earliestTimestamp: null,
  });
  const threshold = STALENESS[period.interval];
  const historic = period.to < nowMicros - HISTORIC_MARGIN_MICROS;
  const days = Math.ceil((period.to - period.from) / (DAY * 1_000_000));
  let refreshFrequencySeconds = 15 * MINUTE;
  if (period.interval === 'hour' || days <= 7) refreshFrequencySeconds = 3 * MINUTE;
  if (period.interval === 'minute' && query.kind === 'TrendsQuery') refreshFrequencySeconds = MINUTE;
  return {
    targetAgeSeconds: !threshold || historic ? null : threshold.normal,
    lazyTargetAgeSeconds: !threshold || historic ? null : threshold.lazy,
    refreshFrequencySeconds,
    period: {
      from: query.dateRange?.date_from === 'all' ? new Date(0) : new Date(Math.floor(period.from / 1000)),
      to: new Date(Math.floor(period.to / 1000)),
    },
  };
}
