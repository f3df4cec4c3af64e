import { createServiceTRPC } from '@insights/transport';
import type { Kysely } from 'kysely';
import type { TaggingDatabase } from './db/database.js';

export interface TaggingDeps {
  db: Kysely<TaggingDatabase>;
}

export const { router, procedure, authedProcedure } = createServiceTRPC<TaggingDeps>();
