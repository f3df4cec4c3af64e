import type { AccessLevel, TtlCache } from '@insights/scope-auth';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';

/** What queries need of a project. */
export interface ProjectQuerySettings {
  timezone: string;
  weekStartDay: 0 | 1;
  testAccountFilters: unknown[];
}

export interface ProjectMembership {
  project: { id: number; organizationId: string; aiDataProcessingApproved: boolean } & ProjectQuerySettings;
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
    .innerJoin('auth.organization as o', 'o.id', 'p.organization_id')
    .select([
      'p.id',
      'p.organization_id',
      'p.timezone',
      'p.week_start_day',
      'p.test_account_filters',
      'o.is_ai_data_processing_approved',
      'm.level',
    ])
    .where('p.id', '=', projectId)
    .executeTakeFirst();
  const membership = row
    ? {
        project: {
          id: row.id,
          organizationId: row.organization_id,
          aiDataProcessingApproved: row.is_ai_data_processing_approved,
          timezone: row.timezone,
          weekStartDay: row.week_start_day === 1 ? (1 as const) : (0 as const),
          testAccountFilters: row.test_account_filters,
        },
        level: (row.level ?? 'none') as AccessLevel,
      }
    : null;
  cache.set(cacheKey, membership);
  return membership;
}
