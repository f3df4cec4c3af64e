import type { InsightsRouter } from '@insights/insights/router';
import type { TRPCClient } from '@trpc/client';
import type { Kysely } from 'kysely';
import type { ViewsDatabase } from './db/database.js';
import { createViewWriter } from './model/view-writer.js';
import { viewsRouter } from './router.js';
import type { ViewsDeps } from './trpc.js';

export const VIEWS_SERVICE = 'views';

/** The views service's parts, for its own process or for single-process mode. */
export function createViewsService(
  db: Kysely<any>,
  insights: TRPCClient<InsightsRouter>,
): { router: typeof viewsRouter; deps: ViewsDeps } {
  return {
    router: viewsRouter,
    deps: { db: db as Kysely<ViewsDatabase>, insights, viewWriter: createViewWriter(db) },
  };
}
