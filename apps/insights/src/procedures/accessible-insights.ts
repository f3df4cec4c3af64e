import { intArrayLiteral } from '@insights/db';
import { sql } from 'kysely';
import { z } from 'zod';
import { authedProcedure } from '../trpc.js';

const LEVELS_GRANTING = { viewer: ['viewer', 'editor', 'manager'], editor: ['editor', 'manager'] } as const;

/**
 * Of the given ids, those that are live insights of the principal's project it may access at `level` (per-insight
 * override, else the project level): one statement. With `answer: 'denied'` it answers the others instead, which is
 * usually none, so a caller checking thousands of ids gets a small reply.
 */
export const accessibleInsights = authedProcedure
  .input(
    z.object({
      ids: z.array(z.number().int()).max(10_000),
      level: z.enum(['viewer', 'editor']),
      answer: z.enum(['allowed', 'denied']).default('allowed'),
    }),
  )
  .query(async ({ input, ctx }) => {
    if (input.ids.length === 0) return [] as number[];
    const granting = sql.val(`{${LEVELS_GRANTING[input.level].join(',')}}`);
    const { rows } = await sql<{ id: number }>`
      SELECT requested.id
      FROM unnest(${intArrayLiteral([...new Set(input.ids)])}::int[]) AS requested(id)
      WHERE ${input.answer === 'allowed' ? sql`` : sql`NOT`} EXISTS (
        SELECT 1 FROM insights.insight i
        LEFT JOIN insights.object_access a ON a.insight_id = i.id AND a.user_id = ${ctx.principal.user.id}
        WHERE i.id = requested.id AND i.project_id = ${ctx.principal.projectId ?? -1} AND NOT i.deleted
          AND coalesce(a.level, ${ctx.principal.projectLevel ?? 'none'}) = ANY(${granting}::text[]))`.execute(
      ctx.deps.db,
    );
    return rows.map((row) => row.id);
  });
