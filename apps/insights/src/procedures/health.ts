import { checkServiceHealth } from '@insights/transport';
import { procedure } from '../trpc.js';

/** Liveness of the service and its database; needs no principal, reveals nothing. */
export const health = procedure.query(({ ctx }) => checkServiceHealth('insights', ctx.deps.db));
