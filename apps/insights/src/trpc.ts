import type { Analyst } from '@insights/analyst';
import { createServiceTRPC } from '@insights/transport';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { InsightsDatabase } from './db/database.js';

export interface InsightsDeps {
  db: Kysely<InsightsDatabase>;
  /** Connections whose sessions carry `QUERY_TIMEOUT_MS`: every query of the engine runs there. */
  queryPool: pg.Pool;
  /** The built-in analyst, with the external model when one is configured. */
  analyst: Analyst;
}

export const { router, procedure, authedProcedure, scopedProcedure, anyScopeProcedure } =
  createServiceTRPC<InsightsDeps>();
