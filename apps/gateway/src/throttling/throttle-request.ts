import type { Logger } from 'pino';
import { throttleTotal } from '../metrics/gateway-metrics.js';
import { throttled } from '../render/posthog-error.js';
import type { LeasedRateCounter } from './leased-rate-counter.js';
import { type ThrottleFamily, type ThrottleSettings, WINDOW_MS } from './throttle-families.js';

/**
 * Spec reference §16, after permissions: each rate of the family is checked for the key (by its hash); the first one
 * exhausted answers 429 with PostHog's body and `Retry-After` (seconds until its window ends). Off unless enabled;
 * allow-listed projects skip it; a counter store that cannot be reached lets the request through (logged).
 */
export function createRequestThrottle(options: {
  settings: ThrottleSettings;
  counter: LeasedRateCounter;
  log: Logger;
}) {
  const { settings, counter, log } = options;
  return async (family: ThrottleFamily, request: { keyHash: string; projectId: number | null }): Promise<void> => {
    if (!settings.enabled) return;
    if (request.projectId !== null && settings.allowListProjects.has(request.projectId)) return;
    const now = Date.now();
    for (const rate of settings.families[family]) {
      let allowed: boolean;
      try {
        allowed = await counter.take(family, request.keyHash, rate, now);
      } catch (error) {
        log.warn({ err: error, family }, 'throttle counters unreachable, letting the request through');
        throttleTotal.inc({ family, outcome: 'fail_open' });
        return;
      }
      if (!allowed) {
        const windowMs = WINDOW_MS[rate.window];
        const seconds = Math.max(1, Math.ceil(((Math.floor(now / windowMs) + 1) * windowMs - now) / 1000));
        throttleTotal.inc({ family, outcome: 'throttled' });
        throw throttled(seconds);
      }
    }
    throttleTotal.inc({ family, outcome: 'allowed' });
  };
}

export type RequestThrottle = ReturnType<typeof createRequestThrottle>;
