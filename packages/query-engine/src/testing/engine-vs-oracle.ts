import { runQuery } from '../run-query.js';
import { findMismatch, pickKeys } from './compare-results.js';
import type { LoadedDataset } from './engine-fixture.js';
import { expectedQueryResponse } from './oracle/index.js';
import type { Scenario } from './scenarios.js';

/** Runs `query` through the engine and the oracle; the first field-by-field difference, or null. */
export async function engineVersusOracle(
  query: Record<string, unknown>,
  scenario: Scenario,
  loaded: LoadedDataset,
): Promise<string | null> {
  const actual = await runQuery(query, {
    project: scenario.project,
    projectId: loaded.dataset.projectId,
    now: scenario.now,
    schema: loaded.schema,
    backend: loaded.backend,
  });
  const expected = expectedQueryResponse(query, loaded.dataset, scenario.project, scenario.now);
  return findMismatch(pickKeys(actual, expected), expected);
}
