import type { Kysely } from 'kysely';
import type { TaggingDatabase } from './db/database.js';
import { taggingRouter } from './router.js';
import type { TaggingDeps } from './trpc.js';

export const TAGGING_SERVICE = 'tagging';

/** The tagging service's parts, for its own process or for single-process mode. */
export function createTaggingService(db: Kysely<any>): { router: typeof taggingRouter; deps: TaggingDeps } {
  return { router: taggingRouter, deps: { db: db as Kysely<TaggingDatabase> } };
}
