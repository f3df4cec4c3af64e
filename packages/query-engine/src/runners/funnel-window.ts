import type { FunnelWindowUnit } from '../schema/funnels-query.js';

const UNIT_SECONDS: Record<FunnelWindowUnit, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 7 * 86_400,
  // PostHog's UDF engine counts a month as 31 days.
  month: 31 * 86_400,
};

/** The conversion window in seconds, measured from each attempt's first step (§3.2); default 14 days. */
export function funnelWindowSeconds(interval: number | null | undefined, unit: FunnelWindowUnit | null | undefined) {
  return (interval ?? 14) * UNIT_SECONDS[unit ?? 'day'];
}
