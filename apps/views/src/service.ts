import type { Kysely } from 'kysely';
import { viewsRouter } from './router.js';
import type { ViewsDeps } from './trpc.js';

export const VIEWS_SERVICE = 'views';

/** The views service's parts, for its own process or for single-process mode. */
export function createViewsService(db: Kysely<any>): { router: typeof viewsRouter; deps: ViewsDeps } {
  return { router: viewsRouter, deps: { db } };
}
