import { type AccessLevel, accessLevelAtLeast, type Principal } from '@insights/scope-auth';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { InsightsDatabase } from '../db/database.js';

type Db = Kysely<InsightsDatabase> | Transaction<InsightsDatabase>;

/**
 * The principal's level on each insight: a per-insight override when one exists, else the project membership level.
 * One statement for any number of insights.
 */
export async function effectiveLevels(
  db: Db,
  principal: Principal,
  insightIds: readonly number[],
): Promise<Map<number, AccessLevel>> {
  const projectLevel: AccessLevel = principal.projectLevel ?? 'none';
  const levels = new Map<number, AccessLevel>(insightIds.map((id) => [id, projectLevel]));
  if (insightIds.length === 0) return levels;
  const overrides = await db
    .selectFrom('insights.object_access')
    .select(['insight_id', 'level'])
    .where('project_id', '=', principal.projectId ?? -1)
    .where('user_id', '=', principal.user.id)
    .where('insight_id', '=', sql<number>`any(${sql.val([...insightIds])}::int[])`)
    .execute();
  for (const row of overrides) levels.set(row.insight_id, row.level);
  return levels;
}

export async function effectiveLevel(db: Db, principal: Principal, insightId: number): Promise<AccessLevel> {
  return (await effectiveLevels(db, principal, [insightId])).get(insightId) ?? 'none';
}

export function canAccess(level: AccessLevel, need: 'viewer' | 'editor'): boolean {
  return accessLevelAtLeast(level, need);
}
