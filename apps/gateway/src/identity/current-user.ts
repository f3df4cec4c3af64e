import type { CurrentUser } from '@insights/contracts';
import type { AccessLevel } from '@insights/scope-auth';
import type { Kysely } from 'kysely';
import type { KeyIdentity } from '../auth/key-identity.js';
import type { GatewayDatabase } from '../db/database.js';
import { organizationMembershipLevel } from './organization-level.js';

/** `users/@me`: the user, its current project (first membership) and organization, and all its organizations. */
export async function readCurrentUser(db: Kysely<GatewayDatabase>, identity: KeyIdentity): Promise<CurrentUser> {
  const memberships = await db
    .selectFrom('auth.membership as m')
    .innerJoin('auth.project as p', 'p.id', 'm.project_id')
    .innerJoin('auth.organization as o', 'o.id', 'p.organization_id')
    .select([
      'm.level',
      'm.joined_at',
      'p.id as project_id',
      'p.uuid as project_uuid',
      'p.name as project_name',
      'p.api_token',
      'p.timezone',
      'o.id as organization_id',
      'o.name as organization_name',
      'o.slug',
      'o.created_at as organization_created_at',
    ])
    .where('m.user_id', '=', identity.user.id)
    .orderBy('m.joined_at')
    .orderBy('m.project_id')
    .execute();
  const current = memberships[0];
  const organizations = new Map<string, { id: string; name: string; slug: string }>();
  for (const m of memberships)
    organizations.set(m.organization_id, { id: m.organization_id, name: m.organization_name, slug: m.slug });
  const levelsIn = (organizationId: string) =>
    memberships.filter((m) => m.organization_id === organizationId).map((m) => m.level as AccessLevel);
  return {
    ...identity.user,
    team: current
      ? {
          id: current.project_id,
          uuid: current.project_uuid,
          name: current.project_name,
          organization: current.organization_id,
          api_token: current.api_token,
          timezone: current.timezone,
        }
      : null,
    organization: current
      ? {
          id: current.organization_id,
          name: current.organization_name,
          slug: current.slug,
          created_at: current.organization_created_at.toISOString(),
          membership_level: organizationMembershipLevel(levelsIn(current.organization_id)),
        }
      : null,
    organizations: [...organizations.values()],
  };
}
