import { createServiceTRPC } from '@insights/transport';
import type { Kysely } from 'kysely';

export interface ActivityDeps {
  db: Kysely<any>;
}

export const { router, procedure, authedProcedure, scopedProcedure } = createServiceTRPC<ActivityDeps>();
