/**
 * Everything one person does in the window, in time order, as posthog-js would have captured it:
 *
 * - anonymous visits under a UUIDv7 anonymous distinct_id: `$pageview`s of the marketing site, the first one landing
 *   where the acquisition channel leads;
 * - the visit they sign up in: a `$pageview` of `/signup`, then `$identify` (distinct_id: their user id,
 *   `$anon_distinct_id`: the anonymous id, `$set`: email, name, plan) and `signed_up`, then the app;
 * - every later visit under the user id: `$pageview`s of the app, and at most one `purchase` (`amount`, `plan`) after
 *   a look at `/pricing` and `/checkout`.
 *
 * People may have started before the window (`historyStartMs`), so that the window opens on the returning
 * visitors it would have in a steady state rather than on an empty product; only their visits that start within the
 * window are kept, whole, so an `$identify` always follows a pageview of its anonymous id. Nothing happens at or after
 * `nowMs`.
 */

import type { GeneratedEvent } from './generated-event.js';
import type { GeneratedIds } from './generated-ids.js';
import { acceptsActivityAt, activeInstantBetween } from './seasonality.js';
import type { SeededRandom } from './seeded-random.js';
import {
  acquisitionReferrer,
  appPathOf,
  countryCode,
  type Device,
  deviceOf,
  identityOf,
  landingPathOf,
  marketingPathOf,
  paidPlan,
  returnReferrer,
  SITE_HOST,
  SITE_ORIGIN,
  signupMethod,
} from './traffic-mix.js';
import {
  ANNUAL_BILLING_SHARE,
  IDENTIFY_CHANCE_PER_VISIT,
  MEAN_SECONDS_BETWEEN_PAGEVIEWS,
  MIN_MINUTES_BETWEEN_VISITS,
  type Persona,
  PURCHASE_CHANCE_AT_SIGNUP,
  PURCHASE_CHANCE_PER_LATER_VISIT,
  pageviewsInVisit,
  personaOf,
} from './visitor-model.js';

const MS_PER_DAY = 86_400_000;
const MAX_VISIT_DRAWS = 32;

export type JourneyWindow = {
  /** The earliest first visit. */
  historyStartMs: number;
  /** The earliest event kept. */
  windowStartMs: number;
  nowMs: number;
};

type Visit = { sessionId: string; referringDomain: string };

class Journey {
  readonly events: GeneratedEvent[] = [];
  private readonly persona: Persona;
  private readonly device: Device;
  private readonly country: string;
  private readonly anonymousId: string;
  private userId: string | undefined;
  private readonly willSignUp: boolean;
  private readonly willPurchase: boolean;
  private purchased = false;
  /** The instant of the next event; the journey ends once it reaches now. */
  private clock: number;
  private visitJustStarted = false;
  private visitInWindow = false;

  constructor(
    private readonly random: SeededRandom,
    private readonly ids: GeneratedIds,
    private readonly serial: number,
    private readonly window: JourneyWindow,
  ) {
    this.persona = personaOf(random);
    this.device = deviceOf(random);
    this.country = countryCode(random);
    this.clock = activeInstantBetween(random, window.historyStartMs, window.nowMs);
    this.anonymousId = ids.uuidV7(this.clock);
    this.willSignUp = random.chance(this.persona.identifyProbability);
    this.willPurchase = this.willSignUp && random.chance(this.persona.purchaseProbability);
  }

  live(): void {
    for (let visitNumber = 0; this.clock < this.window.nowMs; visitNumber++) {
      this.visit(visitNumber);
      if (!this.random.chance(this.persona.returnProbability)) return;
      this.clock = this.nextVisitAfter(this.clock + MIN_MINUTES_BETWEEN_VISITS * 60_000);
    }
  }

  private visit(visitNumber: number): void {
    this.visitJustStarted = true;
    this.visitInWindow = this.clock >= this.window.windowStartMs;
    const visit: Visit = {
      sessionId: this.ids.uuidV7(this.clock),
      referringDomain: visitNumber === 0 ? acquisitionReferrer(this.random) : returnReferrer(this.random),
    };
    const pageviews = pageviewsInVisit(this.random, this.persona);

    if (this.userId !== undefined) {
      this.appVisit(visit, pageviews, this.random.chance(PURCHASE_CHANCE_PER_LATER_VISIT));
      return;
    }
    const signsUpNow =
      this.willSignUp && (this.persona.name === 'power' || this.random.chance(IDENTIFY_CHANCE_PER_VISIT));
    for (let page = 0; page < pageviews; page++) {
      const path = visitNumber === 0 && page === 0 ? landingPathOf(this.random) : marketingPathOf(this.random);
      this.pageview(visit, path);
    }
    if (signsUpNow) {
      this.signUp(visit);
      this.appVisit(visit, 1 + this.random.below(3), this.random.chance(PURCHASE_CHANCE_AT_SIGNUP));
    }
  }

  private signUp(visit: Visit): void {
    this.pageview(visit, '/signup');
    const identity = identityOf(this.random, this.serial);
    this.userId = this.ids.userId();
    this.advance(2_000, 6_000);
    this.capture('$identify', visit, '/signup', {
      $anon_distinct_id: this.anonymousId,
      $set: { email: identity.email, name: identity.name, plan: 'free' },
    });
    this.advance(200, 1_500);
    this.capture('signed_up', visit, '/signup', { plan: 'free', signup_method: signupMethod(this.random) });
  }

  private appVisit(visit: Visit, pageviews: number, purchasesNow: boolean): void {
    for (let page = 0; page < pageviews; page++) this.pageview(visit, appPathOf(this.random));
    if (!purchasesNow || !this.willPurchase || this.purchased) return;

    this.pageview(visit, '/pricing');
    this.pageview(visit, '/checkout');
    this.advance(20_000, 90_000);
    const plan = paidPlan(this.random);
    const annual = this.random.chance(ANNUAL_BILLING_SHARE);
    this.capture('purchase', visit, '/checkout', {
      amount: annual ? plan.monthlyPrice * 10 : plan.monthlyPrice,
      currency: 'USD',
      plan: plan.name,
      billing_period: annual ? 'annual' : 'monthly',
      $set: { plan: plan.name },
    });
    this.purchased = true;
    this.pageview(visit, '/account/billing');
  }

  private pageview(visit: Visit, path: string): void {
    // The first pageview opens the visit; the next ones follow a read of some seconds.
    if (!this.visitJustStarted)
      this.clock += 3_000 + Math.floor(this.random.exponential(MEAN_SECONDS_BETWEEN_PAGEVIEWS * 1000));
    this.visitJustStarted = false;
    this.capture('$pageview', visit, path, undefined);
  }

  private advance(minMs: number, maxMs: number): void {
    this.clock += Math.floor(this.random.between(minMs, maxMs));
  }

  private capture(name: string, visit: Visit, path: string, extra: Record<string, unknown> | undefined): void {
    if (!this.visitInWindow || this.clock >= this.window.nowMs) return;
    const properties: Record<string, unknown> = {
      $current_url: SITE_ORIGIN + path,
      $pathname: path,
      $host: SITE_HOST,
      $browser: this.device.browser,
      $browser_version: this.device.browserVersion,
      $os: this.device.os,
      $device_type: this.device.deviceType,
      $geoip_country_code: this.country,
      $referring_domain: visit.referringDomain,
      $session_id: visit.sessionId,
      $lib: 'web',
    };
    if (extra) Object.assign(properties, extra);
    this.events.push({
      uuid: this.ids.uuidV7(this.clock),
      event: name,
      distinct_id: this.userId ?? this.anonymousId,
      properties,
      timestamp: new Date(this.clock).toISOString(),
    });
  }

  /** The start of the next visit: some days later, at a time people are about. */
  private nextVisitAfter(earliestMs: number): number {
    let candidate = earliestMs;
    for (let draw = 0; draw < MAX_VISIT_DRAWS; draw++) {
      candidate = earliestMs + Math.floor(this.random.exponential(this.persona.meanDaysBetweenVisits) * MS_PER_DAY);
      if (acceptsActivityAt(this.random, candidate)) break;
    }
    return candidate;
  }
}

export function personJourney(
  random: SeededRandom,
  ids: GeneratedIds,
  serial: number,
  window: JourneyWindow,
): GeneratedEvent[] {
  const journey = new Journey(random, ids, serial, window);
  journey.live();
  return journey.events;
}
