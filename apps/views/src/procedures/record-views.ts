import { INSIGHT_VIEWED_MAX_IDS } from '@insights/contracts';
import { fitsInt4 } from '@insights/db';
import { forwardCall } from '@insights/transport';
import { z } from 'zod';
import { type InsightViews, upsertInsightViews } from '../model/upsert-insight-views.js';
import { scopedProcedure, type ViewsDeps } from '../trpc.js';

/** From this many ids on, checking visibility takes long enough to be worth overlapping with the write. */
const OVERLAP_FROM_IDS = 100;

/** Thrown inside the write transaction to roll it back when some ids turn out not to be visible. */
class SomeIdsDenied extends Error {
  constructor(readonly denied: ReadonlySet<number>) {
    super('some insight ids are not visible');
  }
}

/**
 * A large request: the upsert of every id runs in a transaction that commits only once insights has answered that
 * none is hidden, so the check and the write overlap instead of adding up; otherwise it rolls back and one upsert
 * writes the visible ids. Its rows stay locked while insights answers: fine for the rare large request.
 */
async function writeWhileChecking(deps: ViewsDeps, views: InsightViews, deniedIds: Promise<number[]>): Promise<void> {
  // Awaited inside the transaction below, which may not have begun when this fails (insights down): without a
  // handler now, that rejection would be unhandled and take the process down.
  deniedIds.catch(() => undefined);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const [denied, written] = await Promise.allSettled([deniedIds, upsertInsightViews(trx, views)]);
      if (denied.status === 'rejected') throw denied.reason;
      if (written.status === 'rejected') throw written.reason;
      if (denied.value.length > 0) throw new SomeIdsDenied(new Set(denied.value));
    });
  } catch (error) {
    if (!(error instanceof SomeIdsDenied)) throw error;
    await upsertInsightViews(deps.db, { ...views, insightIds: views.insightIds.filter((id) => !error.denied.has(id)) });
  }
}

/**
 * `POST …/insights/viewed/` (spec §12): records that the caller viewed these insights now. Ids of other projects,
 * of deleted insights or of insights the caller may not view are dropped silently: insights answers which ids are not
 * visible (one call, usually none). A usual request then writes the others through the group commit, with the views
 * of concurrent requests, in one statement, holding no lock while insights answers; a large one overlaps the two.
 */
export const recordViews = scopedProcedure('insight:read')
  .input(z.object({ insightIds: z.array(z.number().int()).max(INSIGHT_VIEWED_MAX_IDS) }))
  .mutation(async ({ input, ctx }): Promise<void> => {
    // An id PostgreSQL's integer cannot hold is no insight's: dropped like any unknown id.
    const requested = [...new Set(input.insightIds.filter(fitsInt4))];
    if (requested.length === 0) return;
    const views: InsightViews = {
      projectId: ctx.principal.projectId ?? -1,
      viewer: ctx.principal.user,
      insightIds: requested,
      viewedAt: new Date(),
    };
    const deniedIds = ctx.deps.insights.accessible.query(
      { ids: requested, level: 'viewer', answer: 'denied' },
      forwardCall(ctx),
    );
    if (requested.length >= OVERLAP_FROM_IDS) return writeWhileChecking(ctx.deps, views, deniedIds);
    const denied = new Set(await deniedIds);
    await ctx.deps.viewWriter.write({
      ...views,
      insightIds: denied.size === 0 ? requested : requested.filter((id) => !denied.has(id)),
    });
  });
