import { health } from './procedures/health.js';
import { listActivity } from './procedures/list-activity.js';
import { router } from './trpc.js';

export const activityRouter = router({ health, list: listActivity });
export type ActivityRouter = typeof activityRouter;
