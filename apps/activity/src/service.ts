import type { Kysely } from 'kysely';
import { activityRouter } from './router.js';
import type { ActivityDeps } from './trpc.js';

export const ACTIVITY_SERVICE = 'activity';

/** The activity service's parts, for its own process or for single-process mode. */
export function createActivityService(db: Kysely<any>): { router: typeof activityRouter; deps: ActivityDeps } {
  return { router: activityRouter, deps: { db } };
}
