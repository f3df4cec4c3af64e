import type { ProjectSettings } from '../project.js';
import { type QueryResult, runQuery } from '../run-query.js';
import type { LoadedDataset } from './engine-fixture.js';

/** Runs a query node against a loaded data set as project 1. */
export function runOn(
  loaded: LoadedDataset,
  query: Record<string, unknown>,
  options: { now: string; timezone?: string; weekStartDay?: 0 | 1; testAccountFilters?: unknown[] },
): Promise<QueryResult> {
  const project: ProjectSettings = {
    timezone: options.timezone ?? 'UTC',
    weekStartDay: options.weekStartDay ?? 0,
    testAccountFilters: options.testAccountFilters ?? [],
  };
  return runQuery(query, {
    project,
    projectId: loaded.dataset.projectId,
    now: new Date(options.now),
    schema: loaded.schema,
    backend: loaded.backend,
  });
}
