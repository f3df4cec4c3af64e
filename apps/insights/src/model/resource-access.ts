import { type AccessLevel, accessLevelAtLeast, noAccessDetail, type Principal } from '@insights/scope-auth';
import { permissionDeniedError } from '@insights/transport';
import type { Kysely } from 'kysely';
import type { InsightsDatabase } from '../db/database.js';

/**
 * PostHog's resource-level check for list-level actions (spec §2.3): the project level must grant `level`, or else the
 * user must hold that level on at least one insight through a per-insight override. One statement, and only when the
 * project level does not already grant it.
 */
export async function assertResourceAccess(
  db: Kysely<InsightsDatabase>,
  principal: Principal,
  level: Exclude<AccessLevel, 'none'>,
): Promise<void> {
  if (accessLevelAtLeast(principal.projectLevel ?? 'none', level)) return;
  const granting = ['viewer', 'editor', 'manager'].filter((l) => accessLevelAtLeast(l as AccessLevel, level));
  const override = await db
    .selectFrom('insights.object_access')
    .select('insight_id')
    .where('project_id', '=', principal.projectId ?? -1)
    .where('user_id', '=', principal.user.id)
    .where('level', 'in', granting as AccessLevel[])
    .limit(1)
    .executeTakeFirst();
  if (!override) throw permissionDeniedError(noAccessDetail(level));
}
