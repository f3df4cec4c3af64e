import { sql } from 'kysely';
import { z } from 'zod';
import { canAccess, effectiveLevels } from '../model/access-levels.js';
import { authedProcedure } from '../trpc.js';

/** Of the given ids, those that are live insights of the principal's project it may access at `level`; one call. */
export const accessibleInsights = authedProcedure
  .input(z.object({ ids: z.array(z.number().int()).max(10_000), level: z.enum(['viewer', 'editor']) }))
  .query(async ({ input, ctx }) => {
    if (input.ids.length === 0) return [] as number[];
    const live = await ctx.deps.db
      .selectFrom('insights.insight')
      .select('id')
      .where('project_id', '=', ctx.principal.projectId ?? -1)
      .where('deleted', '=', false)
      .where('id', '=', sql<number>`any(${sql.val([...new Set(input.ids)])}::int[])`)
      .execute();
    const levels = await effectiveLevels(
      ctx.deps.db,
      ctx.principal,
      live.map((row) => row.id),
    );
    return live.map((row) => row.id).filter((id) => canAccess(levels.get(id) ?? 'none', input.level));
  });
