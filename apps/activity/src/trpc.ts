import { createServiceTRPC } from '@insights/transport';
import type { Kysely } from 'kysely';
import type { ActivityDatabase } from './db/database.js';

export interface ActivityDeps {
  db: Kysely<ActivityDatabase>;
}

export const { router, procedure, authedProcedure, scopedProcedure, createCallerFactory } =
  createServiceTRPC<ActivityDeps>();
