import { health } from './procedures/health.js';
import { router } from './trpc.js';

export const activityRouter = router({ health });
export type ActivityRouter = typeof activityRouter;
