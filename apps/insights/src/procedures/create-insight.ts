import { InsightWriteBody, tagify } from '@insights/contracts';
import { transactionWithRetry } from '@insights/db';
import type { Insertable } from 'kysely';
import type { InsightTable } from '../db/database.js';
import { recordInsightChanges } from '../model/insight-event.js';
import type { InsightRow } from '../model/insight-row.js';
import { snapshotInsight } from '../model/insight-snapshot.js';
import { renderInsight } from '../model/render-insights.js';
import { generateShortId } from '../model/short-id.js';
import { assertStorable } from '../model/storable-values.js';
import { rememberActingUser } from '../model/user-profiles.js';
import { scopedProcedure } from '../trpc.js';

const SHORT_ID_ATTEMPTS = 6;

/** Creates an insight with a fresh short_id unique in the project and its (normalised) tags, and records `insight.created`. */
export const createInsight = scopedProcedure('insight:write')
  .input(InsightWriteBody)
  .mutation(async ({ input, ctx }) => {
    assertStorable(input);
    const projectId = ctx.principal.projectId ?? -1;
    const row = await transactionWithRetry(ctx.deps.db, async (trx) => {
      const now = new Date();
      let inserted: InsightRow | undefined;
      for (let attempt = 1; !inserted; attempt++) {
        if (attempt > SHORT_ID_ATTEMPTS) throw new Error('could not allocate a unique short_id');
        const values: Insertable<InsightTable> = {
          project_id: projectId,
          short_id: generateShortId(),
          name: input.name ?? null,
          derived_name: input.derived_name ?? null,
          description: input.description ?? null,
          filters: JSON.stringify(input.filters ?? {}),
          query: JSON.stringify(input.query ?? null),
          order: input.order ?? null,
          deleted: input.deleted ?? false,
          is_sample: false,
          tags: tagify(input.tags ?? []),
          saved: input.saved ?? true,
          favorited: input.favorited ?? false,
          dashboards: input.dashboards ?? [],
          created_at: now,
          created_by: ctx.principal.user.id,
          last_modified_at: now,
          last_modified_by: ctx.principal.user.id,
          updated_at: now,
        };
        inserted = await trx
          .insertInto('insights.insight')
          .values(values)
          .onConflict((oc) => oc.constraint('insight_project_short_id_unique').doNothing())
          .returningAll()
          .executeTakeFirst();
      }
      await rememberActingUser(trx, ctx.principal);
      await recordInsightChanges(
        trx,
        ctx.principal,
        [{ before: null, after: snapshotInsight(inserted), version: inserted.version }],
        now,
      );
      return inserted;
    });
    return renderInsight(ctx, row);
  });
