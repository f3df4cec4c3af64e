import { applyBulk } from './procedures/apply-bulk.js';
import { health } from './procedures/health.js';
import { setMany } from './procedures/set-many.js';
import { setTags } from './procedures/set-tags.js';
import { tagsFor } from './procedures/tags-for.js';
import { router } from './trpc.js';

export const taggingRouter = router({ health, tagsFor, setTags, applyBulk, setMany });
export type TaggingRouter = typeof taggingRouter;
