import { checkServiceHealth, countOutboxParked } from '@insights/transport';
import { INSIGHTS_SCHEMA } from '../db/database.js';
import { procedure } from '../trpc.js';

/** Liveness of the service and its database, and the events its relay parked; needs no principal, reveals nothing. */
export const health = procedure.query(({ ctx }) =>
  checkServiceHealth('insights', ctx.deps.db, (db) => countOutboxParked(db, INSIGHTS_SCHEMA)),
);
