/**
 * The property-based fuzzer (`test/fuzz/`, also `pnpm fuzz`) with a fixed seed: well-formed and malformed requests for
 * every route of the ts-rest contract and the few outside it, with every kind of key. Every answer must be below 500,
 * every 4xx in PostHog's error shape (CSV when asked), no bad input accepted, and no refused request may change the
 * database or emit an event. Named cases for the defects it found are in `bad-input.test.ts`.
 */
import { restContract } from '@insights/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary, formatViolations } from './fuzz/report.js';
import { fuzzedRoutes } from './fuzz/request-mix.js';
import { contractRoutes } from './fuzz/route-catalogue.js';
import type { FuzzResult } from './fuzz/runner.js';
import { type FuzzSession, startFuzzSession } from './fuzz/session.js';

const SEED = 20_261_129;
const REQUESTS = 2_200;

describe('route catalogue', () => {
  it('derives every route of the contract, with its path parameters, schemas and metadata', () => {
    const routes = contractRoutes(restContract);
    const leaves = Object.values(restContract).flatMap((group) => Object.keys(group));
    expect(routes.map((route) => route.name.split('.')[1]).sort()).toEqual(leaves.sort());
    const partialUpdate = routes.find((route) => route.name === 'insights.partialUpdate');
    expect(partialUpdate).toMatchObject({
      method: 'PATCH',
      path: '/api/projects/:project_id/insights/:id/',
      pathParams: ['project_id', 'id'],
      metadata: { action: 'partial_update', resource: 'insight' },
      successStatuses: [200],
    });
    expect(partialUpdate?.body).not.toBeNull();
    expect(routes.find((route) => route.name === 'insights.destroy')).toMatchObject({
      body: null,
      successStatuses: [],
    });
  });
});

describe('fuzz', () => {
  let session: FuzzSession;
  let result: FuzzResult;

  beforeAll(async () => {
    session = await startFuzzSession();
  }, 60_000);
  afterAll(async () => session?.stop());

  it(`answers ${REQUESTS} generated requests below 500, with PostHog error bodies, refusing bad input and changing nothing when refusing`, async () => {
    result = await session.run({ requests: REQUESTS, seed: SEED });
    expect(result.drafted).toBeGreaterThanOrEqual(2_000);
    expect(
      result.violations.length,
      `${formatSummary(result, SEED)}\n\n${formatViolations(result.violations, session.world, 3)}\n\n` +
        `Replay: pnpm fuzz --requests ${REQUESTS} --seed ${SEED}`,
    ).toBe(0);
  }, 100_000);

  it('sent requests to every route of the contract', () => {
    expect(result, 'the fuzz run did not complete').toBeDefined();
    const reached = new Set([...result.byRoute.keys()].map((key) => key.split(' ')[1]));
    const missed = fuzzedRoutes()
      .map((route) => route.name)
      .filter((name) => !reached.has(name));
    expect(missed).toEqual([]);
  });
});
