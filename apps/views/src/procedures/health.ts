import { checkServiceHealth, countConsumerParked } from '@insights/transport';
import { VIEWS_SCHEMA } from '../db/database.js';
import { procedure } from '../trpc.js';

/** Liveness of the service and its database, and its parked events; needs no principal, reveals nothing. */
export const health = procedure.query(({ ctx }) =>
  checkServiceHealth('views', ctx.deps.db, (db) => countConsumerParked(db, VIEWS_SCHEMA)),
);
