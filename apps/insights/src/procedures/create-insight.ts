import { InsightWriteBody } from '@insights/contracts';
import { type Insertable, sql } from 'kysely';
import type { InsightTable } from '../db/database.js';
import { recordInsightChange } from '../model/insight-event.js';
import type { InsightRow } from '../model/insight-row.js';
import { snapshotInsight } from '../model/insight-snapshot.js';
import { renderInsight } from '../model/render-insights.js';
import { generateShortId } from '../model/short-id.js';
import { assertStorable } from '../model/storable-values.js';
import { withTagsSet } from '../model/tag-writes.js';
import { rememberActingUser } from '../model/user-profiles.js';
import { scopedProcedure } from '../trpc.js';

/** Creates an insight with a fresh short_id unique in the project, sets its tags and records `insight.created`. */
export const createInsight = scopedProcedure('insight:write')
  .input(InsightWriteBody)
  .mutation(async ({ input, ctx }) => {
    assertStorable(input);
    const { db } = ctx.deps;
    const projectId = ctx.principal.projectId ?? -1;
    const now = new Date();
    // The id is taken before anything is written, so the tags can be set first and undone if the insert fails.
    const { id } = await sql<{ id: number }>`SELECT nextval('insights.insight_id_seq')::int AS id`
      .execute(db)
      .then((r) => r.rows[0]!);
    // An insight created without tags has nothing to set in tagging.
    const row = await withTagsSet(ctx, id, input.tags?.length ? input.tags : undefined, (tagChange) =>
      db.transaction().execute(async (trx) => {
        await rememberActingUser(trx, ctx.principal);
        let inserted: InsightRow | undefined;
        for (let attempt = 0; !inserted; attempt++) {
          const values: Insertable<InsightTable> = {
            id,
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
            tags: tagChange?.after ?? [],
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
          if (!inserted && attempt > 5) throw new Error('could not allocate a unique short_id');
        }
        await recordInsightChange(trx, ctx.principal, null, snapshotInsight(inserted, tagChange?.after ?? []), now);
        return inserted;
      }),
    );
    return renderInsight(ctx, row);
  });
