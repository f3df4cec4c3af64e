/**
 * Test kit (not built; consumed with the `@insights/source` condition): a seeded data-set generator, a loader, and an
 * oracle that computes PostHog's expected response with plain loops over the events, independently of the engine.
 */
export { findMismatch, pickKeys } from './compare-results.js';
export type { Dataset, DatasetEvent, DatasetOverride, DatasetPerson } from './dataset.js';
export { type LoadedDataset, loadIntoTestDatabase } from './engine-fixture.js';
export { engineVersusOracle } from './engine-vs-oracle.js';
export { type GenerateOptions, generateDataset } from './generate-dataset.js';
export { loadDataset } from './load-dataset.js';
export { expectedQueryResponse, type OracleProject } from './oracle/index.js';
export { createPgBackend } from './pg-backend.js';
export { generateScenarioDataset, SCENARIOS, type Scenario, TEST_ACCOUNT_FILTERS } from './scenarios.js';
