/** A rate over one window: at most `limit` requests per `window`. */
export interface ThrottleRate {
  window: 'minute' | 'hour' | 'day';
  limit: number;
}

/** Spec reference §16: which throttles guard which endpoints. */
export type ThrottleFamily = 'query' | 'ai';

export const WINDOW_MS: Record<ThrottleRate['window'], number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

export interface ThrottleSettings {
  enabled: boolean;
  /** Projects whose requests are never throttled (`RATE_LIMIT_ALLOW_LIST_PROJECTS`). */
  allowListProjects: ReadonlySet<number>;
  families: Record<ThrottleFamily, readonly ThrottleRate[]>;
}

/** PostHog's rates: the ClickHouse pair (240/minute, 1,200/hour) and the AI summarisation trio (50, 200, 500). */
export const DEFAULT_RATES: Record<ThrottleFamily, readonly ThrottleRate[]> = {
  query: [
    { window: 'minute', limit: 240 },
    { window: 'hour', limit: 1_200 },
  ],
  ai: [
    { window: 'minute', limit: 50 },
    { window: 'hour', limit: 200 },
    { window: 'day', limit: 500 },
  ],
};
