import { type Kysely, type Selectable, sql } from 'kysely';
import { type ActivityDatabase, type ActivityLogTable, WHOLE_SCOPE } from '../db/database.js';

export interface ActivityPageRequest {
  projectId: number;
  scope: string;
  /** One item's entries; the whole scope's when absent. */
  itemId?: string;
  limit: number;
  /** 1-based. */
  page: number;
}

export type ActivityRow = Pick<
  Selectable<ActivityLogTable>,
  'id' | 'user_snapshot' | 'is_system' | 'client' | 'activity' | 'scope' | 'item_id' | 'detail'
> & {
  /** ISO 8601 in UTC with milliseconds, as `Date.toISOString()` writes it: rendered by PostgreSQL, never parsed here. */
  created_at: string;
};

/**
 * One page of entries, newest first, and the total, in one statement. Positions are dense (1…count), so page N is
 * the range of positions just below `count - (N-1)·limit`, read backwards on the position index: the cost does not
 * depend on the page number, and the total is the counter row, never a COUNT.
 */
export async function readActivityPage(
  db: Kysely<ActivityDatabase>,
  request: ActivityPageRequest,
): Promise<{ rows: ActivityRow[]; total: number }> {
  const { projectId, scope, itemId, limit } = request;
  const skipped = Math.min((request.page - 1) * limit, Number.MAX_SAFE_INTEGER);
  const rows = await db
    .selectFrom('activity.activity_count as c')
    .leftJoinLateral(
      (eb) => {
        const entries = eb
          .selectFrom('activity.activity_log as l')
          .select([
            'l.id',
            'l.user_snapshot',
            'l.is_system',
            'l.client',
            'l.activity',
            'l.scope',
            'l.item_id',
            'l.detail',
            sql<string>`to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('created_at'),
            'l.position',
          ])
          .where('l.project_id', '=', projectId)
          .where('l.scope', '=', scope);
        const ranked =
          itemId === undefined
            ? entries.where('l.position', '<=', sql<number>`c.count - ${skipped}`).orderBy('l.position', 'desc')
            : entries
                .where('l.item_id', '=', itemId)
                .where('l.item_position', '<=', sql<number>`c.count - ${skipped}`)
                .orderBy('l.item_position', 'desc');
        return ranked.limit(limit).as('page');
      },
      (join) => join.onTrue(),
    )
    .select([
      'c.count as total',
      'page.id',
      'page.user_snapshot',
      'page.is_system',
      'page.client',
      'page.activity',
      'page.scope',
      'page.item_id',
      'page.detail',
      'page.created_at',
    ])
    .where('c.project_id', '=', projectId)
    .where('c.scope', '=', scope)
    .where('c.item_id', '=', itemId ?? WHOLE_SCOPE)
    .orderBy('page.position', 'desc')
    .execute();
  const total = rows[0]?.total ?? 0;
  // A page past the end still yields the counter row, with the lateral side all null.
  const entries = rows.filter((row): row is typeof row & ActivityRow => row.id !== null);
  return { rows: entries, total };
}
