import type { InsightEvent } from '@insights/contracts';
import type { EventConsumerDefinition, EventHandler } from '@insights/transport';
import { sql, type Transaction } from 'kysely';
import { VIEWS_SCHEMA, type ViewsDatabase } from '../db/database.js';
import { upsertInsightViews } from '../model/upsert-insight-views.js';
import { upsertUserProfile } from '../model/user-profile.js';

/**
 * Keeps views' picture of each insight (deleted or not, last modified when) current from the insights service's
 * events, and records the creator's view of a new insight (spec §10 note: creating an insight views it).
 * Runs inside `processEventOnce`'s transaction, so each event counts once. An event older than the one that set
 * the row (a late redelivery) does not overwrite it.
 */
export const viewsEventHandler: EventHandler<InsightEvent> = async (event, trx) => {
  // The in-process bus of single-process mode hands over every event, not only the insight ones.
  if (!event.type.startsWith('insight.')) return;
  const occurredAt = new Date(event.occurredAt);
  await (trx as Transaction<ViewsDatabase>)
    .insertInto('views.insight_state')
    .values({
      project_id: event.projectId,
      insight_id: event.insightId,
      deleted: event.after.deleted,
      last_modified_at: new Date(event.after.last_modified_at),
      event_at: occurredAt,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['project_id', 'insight_id'])
        .doUpdateSet({
          deleted: (eb) => eb.ref('excluded.deleted'),
          last_modified_at: (eb) => eb.ref('excluded.last_modified_at'),
          event_at: (eb) => eb.ref('excluded.event_at'),
        })
        .where(sql.ref('views.insight_state.event_at'), '<=', sql.ref('excluded.event_at')),
    )
    .execute();
  if (!event.actor) return;
  if (event.type === 'insight.created') {
    await upsertInsightViews(trx, {
      projectId: event.projectId,
      viewer: event.actor,
      insightIds: [event.insightId],
      viewedAt: occurredAt,
    });
  } else {
    await upsertUserProfile(event.actor).execute(trx);
  }
};

/** Views' durable consumer: the insight events, handled into its picture of each insight. */
export const viewsConsumer: EventConsumerDefinition<InsightEvent> = {
  durable: 'views',
  types: 'insight.>',
  schema: VIEWS_SCHEMA,
  handle: viewsEventHandler,
};
