/**
 * The whole mix of requests for one run: every contract route (weighted by how many ways its input can go wrong),
 * plus the requests outside the contract. The same seed gives the same drafts against the same world.
 */
import { restContract } from '@insights/contracts';
import fc from 'fast-check';
import { type Draft, routeDrafts } from './drafts.js';
import { publicRouteDrafts, strayDrafts } from './outside-contract.js';
import { type ContractRoute, contractRoutes } from './route-catalogue.js';
import type { FuzzWorld } from './world.js';

export function fuzzedRoutes(): ContractRoute[] {
  return contractRoutes(restContract);
}

/** Routes with more inputs (a body, several parameters) get more requests. */
function routeWeight(route: ContractRoute): number {
  const queryFields = route.query ? Object.keys((route.query as unknown as { shape?: object }).shape ?? {}).length : 0;
  return 3 + (route.body ? 4 : 0) + Math.min(queryFields - 1, 4);
}

export function requestMix(world: FuzzWorld, routes: readonly ContractRoute[] = fuzzedRoutes()): fc.Arbitrary<Draft> {
  return fc.oneof(
    ...routes.map((route) => ({ weight: routeWeight(route), arbitrary: routeDrafts(routes, route, world) })),
    { weight: 2, arbitrary: publicRouteDrafts() },
    { weight: 2, arbitrary: strayDrafts(world) },
  );
}

/** `count` drafts, the same ones for the same seed and world. */
export function draftRequests(world: FuzzWorld, count: number, seed: number): Draft[] {
  return fc.sample(requestMix(world), { numRuns: count, seed });
}
