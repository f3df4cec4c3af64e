import { checkServiceHealth, countConsumerParked } from '@insights/transport';
import { TAGGING_SCHEMA } from '../db/database.js';
import { procedure } from '../trpc.js';

/** Liveness of the service and its database, and its parked events; needs no principal, reveals nothing. */
export const health = procedure.query(({ ctx }) =>
  checkServiceHealth('tagging', ctx.deps.db, (db) => countConsumerParked(db, TAGGING_SCHEMA)),
);
