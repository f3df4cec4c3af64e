import { type Analyst, createAnalyst } from '@insights/analyst';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { InsightsDatabase } from './db/database.js';
import { insightsRouter } from './router.js';
import type { InsightsDeps } from './trpc.js';

export const INSIGHTS_SERVICE = 'insights';

/** The insights service's parts, for its own process or for single-process mode. */
export function createInsightsService(
  db: Kysely<any>,
  options: { queryPool: pg.Pool; analyst?: Analyst },
): { router: typeof insightsRouter; deps: InsightsDeps } {
  return {
    router: insightsRouter,
    deps: {
      db: db as Kysely<InsightsDatabase>,
      queryPool: options.queryPool,
      analyst: options.analyst ?? createAnalyst(),
    },
  };
}
