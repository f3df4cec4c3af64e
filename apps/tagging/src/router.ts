import { health } from './procedures/health.js';
import { tagsFor } from './procedures/tags-for.js';
import { router } from './trpc.js';

export const taggingRouter = router({ health, tagsFor });
export type TaggingRouter = typeof taggingRouter;
