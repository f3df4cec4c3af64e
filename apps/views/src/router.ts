import { health } from './procedures/health.js';
import { router } from './trpc.js';

export const viewsRouter = router({ health });
export type ViewsRouter = typeof viewsRouter;
