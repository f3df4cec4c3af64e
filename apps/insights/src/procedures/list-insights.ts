import { ProjectQuerySettings, RefreshMode, tagify } from '@insights/contracts';
import { fitsInt4 } from '@insights/db';
import { sql } from 'kysely';
import { z } from 'zod';
import { insightResults } from '../model/insight-results.js';
import { renderInsights } from '../model/render-insights.js';
import { matchesNoStoredText } from '../model/storable-values.js';
import { scopedProcedure } from '../trpc.js';

export const ListInsightsInput = z.object({
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
  shortId: z.string().optional(),
  search: z.string().optional(),
  favorited: z.boolean().optional(),
  createdBy: z.number().int().optional(),
  basic: z.boolean().default(false),
  saved: z.boolean().optional(),
  tags: z.array(z.string().max(255)).max(100).optional(),
  refresh: RefreshMode.default('force_cache'),
  settings: ProjectQuerySettings.optional(),
  clientQueryId: z.string().max(256).nullish(),
});

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The project's insights the principal may see, newest change first, with the total count for pagination. */
export const listInsights = scopedProcedure('insight:read')
  .input(ListInsightsInput)
  .query(async ({ input, ctx }) => {
    // A filter value no stored insight can hold matches nothing (PostgreSQL would refuse it as a parameter).
    const createdByUnstorable = input.createdBy !== undefined && !fitsInt4(input.createdBy);
    if (createdByUnstorable || matchesNoStoredText(input.shortId) || matchesNoStoredText(input.search)) {
      return { count: 0, results: [] };
    }
    const { db } = ctx.deps;
    const projectId = ctx.principal.projectId ?? -1;
    let query = db
      .selectFrom('insights.insight as i')
      .where('i.project_id', '=', projectId)
      .where('i.deleted', '=', false)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('insights.object_access as a')
              .select(sql`1`.as('one'))
              .whereRef('a.insight_id', '=', 'i.id')
              .where('a.user_id', '=', ctx.principal.user.id)
              .where('a.level', '=', 'none'),
          ),
        ),
      );
    if (ctx.principal.projectLevel === 'none' || ctx.principal.projectLevel === null) {
      // Members without project access see only insights shared with them individually.
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('insights.object_access as a')
            .select(sql`1`.as('one'))
            .whereRef('a.insight_id', '=', 'i.id')
            .where('a.user_id', '=', ctx.principal.user.id)
            .where('a.level', '!=', 'none'),
        ),
      );
    }
    if (input.shortId !== undefined) query = query.where('i.short_id', '=', input.shortId);
    if (input.favorited !== undefined) query = query.where('i.favorited', '=', input.favorited);
    if (input.createdBy !== undefined) query = query.where('i.created_by', '=', input.createdBy);
    if (input.saved !== undefined) query = query.where('i.saved', '=', input.saved);
    if (input.tags !== undefined) {
      // Insights having any of the tags, compared as tags are stored (normalised).
      query = query.where(sql<boolean>`i.tags && ${sql.val(tagify(input.tags))}::text[]`);
    }
    if (input.search) {
      const pattern = `%${escapeLike(input.search)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('i.name', 'ilike', pattern),
          eb('i.derived_name', 'ilike', pattern),
          eb('i.description', 'ilike', pattern),
        ]),
      );
    }
    const [rows, total] = await Promise.all([
      query
        .selectAll('i')
        .orderBy('i.last_modified_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(input.limit)
        .offset(input.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    ]);
    const queryResults =
      !input.basic && input.settings
        ? await insightResults({ ...ctx.deps, log: ctx.log }, rows, {
            mode: input.refresh,
            settings: input.settings,
            clientQueryId: input.clientQueryId ?? null,
            failuresAs: 'status',
          })
        : undefined;
    const results = await renderInsights(ctx, rows, {
      basic: input.basic,
      searchMatchType: input.search ? 'exact' : undefined,
      results: queryResults,
    });
    return { count: Number(total.count), results };
  });
