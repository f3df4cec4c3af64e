import { INT4_MAX } from '@insights/db';
import type { Kysely, Transaction } from 'kysely';
import type { InsightsDatabase } from '../db/database.js';
import type { InsightRow } from './insight-row.js';
import { matchesNoStoredText } from './storable-values.js';

type Db = Kysely<InsightsDatabase> | Transaction<InsightsDatabase>;

/**
 * PostHog's lookup rule: an all-digit value is tried as the primary key first, then as a short_id; anything else is a
 * short_id. Always within the project. Soft-deleted rows only when asked for (a PATCH restoring one).
 */
export async function findInsight(
  db: Db,
  projectId: number,
  idOrShortId: string,
  options: { includeDeleted?: boolean; forUpdate?: boolean } = {},
): Promise<InsightRow | undefined> {
  const lookup = async (column: 'id' | 'short_id', value: string | number) => {
    let query = db
      .selectFrom('insights.insight')
      .selectAll()
      .where('project_id', '=', projectId)
      .where(column, '=', value as never);
    if (!options.includeDeleted) query = query.where('deleted', '=', false);
    if (options.forUpdate) query = query.forUpdate();
    return query.executeTakeFirst();
  };
  if (/^\d+$/.test(idOrShortId) && Number(idOrShortId) <= INT4_MAX) {
    const byId = await lookup('id', Number(idOrShortId));
    if (byId) return byId;
  }
  if (idOrShortId.length > 12 || matchesNoStoredText(idOrShortId)) return undefined;
  return lookup('short_id', idOrShortId);
}
