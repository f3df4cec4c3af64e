import { counter, histogram } from '@insights/transport';

/** Every answered request, by route pattern, method and status. */
export const httpRequestsTotal = counter('insights_http_requests_total', 'HTTP requests answered', [
  'route',
  'method',
  'status',
] as const);

export const httpRequestDuration = histogram(
  'insights_http_request_duration_seconds',
  'Time from receiving a request to answering it',
  ['route', 'method', 'status'] as const,
  [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
);

/** Coalesced requests by role: leader, follower, fallback (a follower that ran alone), unavailable. */
export const coalescedTotal = counter('insights_coalesced_requests_total', 'Requests that took part in coalescing', [
  'role',
] as const);

/** Throttle decisions by family (query, ai) and outcome (allowed, throttled, fail_open). */
export const throttleTotal = counter('insights_throttle_decisions_total', 'Throttle decisions', [
  'family',
  'outcome',
] as const);
