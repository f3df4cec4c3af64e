import type { TaggingRouter } from '@insights/tagging/router';
import { createServiceTRPC } from '@insights/transport';
import type { TRPCClient } from '@trpc/client';
import type { Kysely } from 'kysely';
import type { InsightsDatabase } from './db/database.js';

export interface InsightsDeps {
  db: Kysely<InsightsDatabase>;
  tagging: TRPCClient<TaggingRouter>;
}

export const { router, procedure, authedProcedure, scopedProcedure } = createServiceTRPC<InsightsDeps>();
