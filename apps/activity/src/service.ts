import type { Kysely } from 'kysely';
import type { ActivityDatabase } from './db/database.js';
import { activityRouter } from './router.js';
import type { ActivityDeps } from './trpc.js';

export const ACTIVITY_SERVICE = 'activity';

/**
 * The activity service's parts, for its own process or for single-process mode. Its events arrive separately: the
 * durable consumer (`activityConsumer`) or, in single-process mode, `activityEventHandler` on the in-process bus.
 */
export function createActivityService(db: Kysely<any>): { router: typeof activityRouter; deps: ActivityDeps } {
  return { router: activityRouter, deps: { db: db as Kysely<ActivityDatabase> } };
}
