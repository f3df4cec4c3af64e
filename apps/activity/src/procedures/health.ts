import { checkServiceHealth, countConsumerParked } from '@insights/transport';
import { ACTIVITY_SCHEMA } from '../db/database.js';
import { procedure } from '../trpc.js';

/** Liveness of the service and its database, and its parked events; needs no principal, reveals nothing. */
export const health = procedure.query(({ ctx }) =>
  checkServiceHealth('activity', ctx.deps.db, (db) => countConsumerParked(db, ACTIVITY_SCHEMA)),
);
