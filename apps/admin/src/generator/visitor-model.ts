/**
 * The behaviour the generator models, as numbers a reader can check against what it produced.
 *
 * Every visitor is one of three personas. After each visit they come back with `returnProbability`, after on average
 * `meanDaysBetweenVisits`, so the share still returning decays geometrically with the visit count: a retention curve.
 * A visitor who will sign up identifies during one of their visits, that visit (or any later one) with
 * `IDENTIFY_CHANCE_PER_VISIT`; who will pay does so in a visit after signing up. Power users are few, come back
 * within hours and read many pages: a small share of people making a large share of the events.
 */

import type { SeededRandom } from './seeded-random.js';
import { weightedChoice } from './weighted-choice.js';

export type Persona = {
  name: 'casual' | 'engaged' | 'power';
  /** Share of all visitors. */
  share: number;
  returnProbability: number;
  meanDaysBetweenVisits: number;
  /** Pageviews of a visit beyond the first, on average. */
  meanExtraPageviews: number;
  /** Chance to sign up (`$identify`, then `signed_up`) at some point. */
  identifyProbability: number;
  /** Chance that someone who signed up later buys a plan (`purchase`). */
  purchaseProbability: number;
};

export const PERSONAS: readonly Persona[] = [
  {
    name: 'casual',
    share: 0.745,
    returnProbability: 0.35,
    meanDaysBetweenVisits: 4,
    meanExtraPageviews: 1.6,
    identifyProbability: 0.12,
    purchaseProbability: 0.2,
  },
  {
    name: 'engaged',
    share: 0.25,
    returnProbability: 0.72,
    meanDaysBetweenVisits: 2.5,
    meanExtraPageviews: 3,
    identifyProbability: 0.5,
    purchaseProbability: 0.4,
  },
  {
    name: 'power',
    share: 0.005,
    returnProbability: 0.96,
    meanDaysBetweenVisits: 0.3,
    meanExtraPageviews: 8,
    identifyProbability: 1,
    purchaseProbability: 0.75,
  },
];

/** A visitor who will sign up does it in a given visit with this chance (power users in their first). */
export const IDENTIFY_CHANCE_PER_VISIT = 0.55;
/** Someone who will pay does it in the visit they signed up in with the first chance, each later visit the second. */
export const PURCHASE_CHANCE_AT_SIGNUP = 0.25;
export const PURCHASE_CHANCE_PER_LATER_VISIT = 0.5;
/** Share of purchases paid for a year at once, at ten months' price. */
export const ANNUAL_BILLING_SHARE = 0.3;
/** The least time between two visits of one person. */
export const MIN_MINUTES_BETWEEN_VISITS = 30;
/** Between two pageviews of one visit: a few seconds, plus this much on average. */
export const MEAN_SECONDS_BETWEEN_PAGEVIEWS = 40;

export const personaOf = weightedChoice(PERSONAS.map((persona) => [persona, persona.share] as const));

export function pageviewsInVisit(random: SeededRandom, persona: Persona): number {
  return 1 + random.geometric(persona.meanExtraPageviews / (1 + persona.meanExtraPageviews));
}
