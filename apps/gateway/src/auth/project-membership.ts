import type { AccessLevel, TtlCache } from '@insights/scope-auth';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';

export interface ProjectMembership {
  project: { id: number; organizationId: string; timezone: string };
  level: AccessLevel;
}

/** The project and the user's membership level in it (`none` for non-members); null when the project does not exist. */
export async function findProjectMembership(
  db: Kysely<GatewayDatabase>,
  cache: TtlCache<string, ProjectMembership | null>,
  projectId: number,
  userId: number,
): Promise<ProjectMembership | null> {
  const cacheKey = `${projectId}:${userId}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const row = await db
    .selectFrom('auth.project as p')
    .leftJoin('auth.membership as m', (join) => join.onRef('m.project_id', '=', 'p.id').on('m.user_id', '=', userId))
    .select(['p.id', 'p.organization_id', 'p.timezone', 'm.level'])
    .where('p.id', '=', projectId)
    .executeTakeFirst();
  const membership = row
    ? {
        project: { id: row.id, organizationId: row.organization_id, timezone: row.timezone },
        level: (row.level ?? 'none') as AccessLevel,
      }
    : null;
  cache.set(cacheKey, membership);
  return membership;
}
