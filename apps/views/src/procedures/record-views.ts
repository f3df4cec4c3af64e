import { INSIGHT_VIEWED_MAX_IDS } from '@insights/contracts';
import { fitsInt4 } from '@insights/db';
import { forwardCall } from '@insights/transport';
import { z } from 'zod';
import { upsertInsightViews } from '../model/upsert-insight-views.js';
import { scopedProcedure } from '../trpc.js';

/** Thrown inside the write transaction to roll it back when some ids turn out not to be visible. */
class SomeIdsDenied extends Error {
  constructor(readonly denied: ReadonlySet<number>) {
    super('some insight ids are not visible');
  }
}

/**
 * `POST …/insights/viewed/` (spec §12): records that the caller viewed these insights now. Ids of other projects,
 * of deleted insights or of insights the caller may not view are dropped silently. Insights answers which ids are
 * not visible (one call, usually none) while the upsert of every id runs in a transaction that commits only once
 * the answer is "none", so the two overlap instead of adding up; otherwise it rolls back and one upsert writes the
 * visible ids.
 */
export const recordViews = scopedProcedure('insight:read')
  .input(z.object({ insightIds: z.array(z.number().int()).max(INSIGHT_VIEWED_MAX_IDS) }))
  .mutation(async ({ input, ctx }): Promise<void> => {
    // An id PostgreSQL's integer cannot hold is no insight's: dropped like any unknown id.
    const requested = [...new Set(input.insightIds.filter(fitsInt4))];
    if (requested.length === 0) return;
    const views = { projectId: ctx.principal.projectId ?? -1, viewer: ctx.principal.user, viewedAt: new Date() };
    const deniedIds = ctx.deps.insights.accessible.query(
      { ids: requested, level: 'viewer', answer: 'denied' },
      forwardCall(ctx),
    );
    // Awaited inside the transaction below, which may not have begun when this fails (insights down): without a
    // handler now, that rejection would be unhandled and take the process down.
    deniedIds.catch(() => undefined);
    try {
      await ctx.deps.db.transaction().execute(async (trx) => {
        const [denied, written] = await Promise.allSettled([
          deniedIds,
          upsertInsightViews(trx, { ...views, insightIds: requested }),
        ]);
        if (denied.status === 'rejected') throw denied.reason;
        if (written.status === 'rejected') throw written.reason;
        if (denied.value.length > 0) throw new SomeIdsDenied(new Set(denied.value));
      });
    } catch (error) {
      if (!(error instanceof SomeIdsDenied)) throw error;
      await upsertInsightViews(ctx.deps.db, { ...views, insightIds: requested.filter((id) => !error.denied.has(id)) });
    }
  });
