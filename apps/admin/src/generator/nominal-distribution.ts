/**
 * What generated traffic should look like, for checks of "counts per event name within expected bounds".
 *
 * The per-person shares follow from the tables of `traffic-mix.ts` and `visitor-model.ts` directly. The event-name
 * shares result from the whole model (personas, return visits, the window's edges), so they were measured: 1,000,000
 * events for each of the seeds 1–4 gave $pageview 0.9564–0.9568, $identify and signed_up 0.0195–0.0197, purchase
 * 0.0042–0.0043; ten samples of 50,000 events stayed within the bounds below.
 */

import { HOURLY_ACTIVITY, WEEKDAY_ACTIVITY } from './seasonality.js';
import { ACQUISITION_REFERRERS, COUNTRIES, DEVICE_TYPES, PLANS } from './traffic-mix.js';
import { PERSONAS } from './visitor-model.js';
import { sharesOf } from './weighted-choice.js';

export type GeneratedEventName = '$pageview' | '$identify' | 'signed_up' | 'purchase';

export const NOMINAL_DISTRIBUTION = {
  /** Expected share of each event name among all generated events. */
  eventShare: { $pageview: 0.9566, $identify: 0.0196, signed_up: 0.0196, purchase: 0.0042 },
  /** Where the share of each name falls for any seed, given at least 50,000 events over 30 days. */
  eventShareBounds: {
    $pageview: [0.945, 0.967],
    $identify: [0.016, 0.024],
    signed_up: [0.016, 0.024],
    purchase: [0.003, 0.0056],
  },
  /** Every `$identify` is followed by one `signed_up`; at most one `purchase` per person who signed up. */
  signedUpPerIdentify: 1,
  /** Per person (one device and one country each). */
  deviceTypeShare: sharesOf(DEVICE_TYPES),
  countryShare: sharesOf(COUNTRIES),
  /** `$referring_domain` of first visits. */
  acquisitionReferrerShare: sharesOf(ACQUISITION_REFERRERS),
  planShare: sharesOf(PLANS.map(([plan, weight]) => [plan.name, weight] as const)),
  personaShare: Object.fromEntries(PERSONAS.map((persona) => [persona.name, persona.share])),
  /** Relative activity per UTC hour (index 0 is midnight) and per UTC weekday (index 0 is Sunday). */
  hourlyActivity: HOURLY_ACTIVITY,
  weekdayActivity: WEEKDAY_ACTIVITY,
} as const satisfies {
  eventShare: Record<GeneratedEventName, number>;
  eventShareBounds: Record<GeneratedEventName, readonly [number, number]>;
  [other: string]: unknown;
};
