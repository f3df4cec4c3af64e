import { sql } from 'kysely';
import { z } from 'zod';
import { renderInsights } from '../model/render-insights.js';
import { authedProcedure } from '../trpc.js';

/**
 * Basic serializations of the given live insights of the principal's project that it may view, in the order asked;
 * one call. With
 * `withLastModifiedBy` each also carries `last_modified_by` (trending needs it).
 */
export const basicByIds = authedProcedure
  .input(z.object({ ids: z.array(z.number().int()).max(10_000), withLastModifiedBy: z.boolean().default(false) }))
  .query(async ({ input, ctx }) => {
    if (input.ids.length === 0) return [];
    const rows = await ctx.deps.db
      .selectFrom('insights.insight')
      .selectAll()
      .where('project_id', '=', ctx.principal.projectId ?? -1)
      .where('deleted', '=', false)
      .where('id', '=', sql<number>`any(${sql.val([...new Set(input.ids)])}::int[])`)
      .execute();
    const order = new Map(input.ids.map((id, index) => [id, index]));
    rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const rendered = await renderInsights(ctx, rows, { basic: true, withLastModifiedBy: input.withLastModifiedBy });
    // Insights the principal may not see (a per-insight `none` override) are left out, like unknown ones.
    return rendered.filter((insight) => insight.user_access_level !== null && insight.user_access_level !== 'none');
  });
