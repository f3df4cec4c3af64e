import { z } from 'zod';
import { normalizeTags } from '../normalize-tags.js';
import { lockProjectTags } from '../project-lock.js';
import { readTags, replaceTags } from '../tag-store.js';
import { authedProcedure } from '../trpc.js';

function applyAction(current: readonly string[], action: 'add' | 'remove' | 'set', tags: readonly string[]): string[] {
  if (action === 'set') return [...tags];
  if (action === 'add') return normalizeTags([...current, ...tags]);
  const removed = new Set(tags);
  return current.filter((tag) => !removed.has(tag));
}

/**
 * add/remove/set the same tags on many insights in a constant number of statements; answers each insight's tags
 * before and after (sorted), so the caller can record changes and undo them.
 */
export const applyBulk = authedProcedure
  .input(
    z.object({
      insightIds: z.array(z.number().int()).max(500),
      action: z.enum(['add', 'remove', 'set']),
      tags: z.array(z.string().max(255)).max(100),
    }),
  )
  .mutation(async ({ input, ctx }) => {
    const projectId = ctx.principal.projectId ?? -1;
    const tags = normalizeTags(input.tags);
    const ids = [...new Set(input.insightIds)];
    return ctx.deps.db.transaction().execute(async (trx) => {
      await lockProjectTags(trx, projectId);
      const current = await readTags(trx, projectId, ids);
      const results = ids.map((insightId) => {
        const before = current.get(insightId) ?? [];
        return { insightId, before, after: normalizeTags(applyAction(before, input.action, tags)) };
      });
      const changed = results.filter((r) => r.before.join('\u0000') !== r.after.join('\u0000'));
      await replaceTags(trx, projectId, new Map(changed.map((r) => [r.insightId, r.after])));
      return results;
    });
  });
