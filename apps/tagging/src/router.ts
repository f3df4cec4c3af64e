import { health } from './procedures/health.js';
import { setTags } from './procedures/set-tags.js';
import { tagsFor } from './procedures/tags-for.js';
import { router } from './trpc.js';

export const taggingRouter = router({ health, tagsFor, setTags });
export type TaggingRouter = typeof taggingRouter;
