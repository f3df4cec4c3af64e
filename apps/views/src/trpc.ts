import type { InsightsRouter } from '@insights/insights/router';
import { createServiceTRPC } from '@insights/transport';
import type { TRPCClient } from '@trpc/client';
import type { Kysely } from 'kysely';
import type { ViewsDatabase } from './db/database.js';
import type { ViewWriter } from './model/view-writer.js';

export interface ViewsDeps {
  db: Kysely<ViewsDatabase>;
  /** Views asks insights which ids the caller may see and for their serializations; it never reads their tables. */
  insights: TRPCClient<InsightsRouter>;
  /** Writes `viewed`'s views, many requests per statement under load. */
  viewWriter: ViewWriter;
}

export const { router, procedure, authedProcedure, scopedProcedure } = createServiceTRPC<ViewsDeps>();
