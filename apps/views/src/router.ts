import { health } from './procedures/health.js';
import { lastViewed } from './procedures/last-viewed.js';
import { recordViews } from './procedures/record-views.js';
import { trending } from './procedures/trending.js';
import { router } from './trpc.js';

export const viewsRouter = router({ health, recordViews, lastViewed, trending });
export type ViewsRouter = typeof viewsRouter;
