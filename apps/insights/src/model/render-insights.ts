import type { Insight, InsightBasic } from '@insights/contracts';
import type { Principal } from '@insights/scope-auth';
import type { InsightsDeps } from '../trpc.js';
import { effectiveLevels } from './access-levels.js';
import { type InsightResultFields, noResults } from './insight-results.js';
import type { InsightRow } from './insight-row.js';
import { serializeInsight, serializeInsightBasic } from './serialize-insight.js';
import { loadUsers } from './user-profiles.js';

export interface RenderCtx {
  deps: InsightsDeps;
  principal: Principal;
  principalToken: string | undefined;
  requestId: string;
}

/** Serializes a page of rows with a constant number of statements: one for users, one for access levels. */
export async function renderInsights(
  ctx: RenderCtx,
  rows: readonly InsightRow[],
  options: {
    basic?: boolean;
    withLastModifiedBy?: boolean;
    searchMatchType?: 'exact' | 'similar';
    lastViewedAt?: Map<number, Date>;
    /** The results of each insight's query (full serializer); none when absent. */
    results?: Map<number, InsightResultFields>;
  } = {},
): Promise<(Insight | InsightBasic)[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [users, levels] = await Promise.all([
    loadUsers(
      ctx.deps.db,
      rows.flatMap((row) => [row.created_by, row.last_modified_by]),
    ),
    effectiveLevels(ctx.deps.db, ctx.principal, ids),
  ]);
  return rows.map((row) => {
    const context = {
      tags: row.tags,
      users,
      level: levels.get(row.id) ?? null,
      searchMatchType: options.searchMatchType,
      lastViewedAt: options.lastViewedAt?.get(row.id) ?? null,
    };
    if (!options.basic)
      return serializeInsight(row, { ...context, results: options.results?.get(row.id) ?? noResults() });
    const basic = serializeInsightBasic(row, context);
    if (!options.withLastModifiedBy) return basic;
    const lastModifiedBy = row.last_modified_by === null ? null : (users.get(row.last_modified_by) ?? null);
    return { ...basic, last_modified_by: lastModifiedBy };
  });
}

export async function renderInsight(ctx: RenderCtx, row: InsightRow): Promise<Insight> {
  const [insight] = await renderInsights(ctx, [row]);
  return insight as Insight;
}
