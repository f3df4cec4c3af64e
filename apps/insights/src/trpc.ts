import { createServiceTRPC } from '@insights/transport';
import type { Kysely } from 'kysely';
import type { InsightsDatabase } from './db/database.js';

export interface InsightsDeps {
  db: Kysely<InsightsDatabase>;
}

export const { router, procedure, authedProcedure, scopedProcedure } = createServiceTRPC<InsightsDeps>();
