import type { Organization } from '@insights/contracts';
import type { AccessLevel } from '@insights/scope-auth';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';
import { organizationMembershipLevel } from './organization-level.js';

/** An organization the user belongs to (through any of its projects); null for any other, as if it did not exist. */
export async function readOrganization(
  db: Kysely<GatewayDatabase>,
  userId: number,
  organizationId: string,
): Promise<Organization | null> {
  const rows = await db
    .selectFrom('auth.organization as o')
    .innerJoin('auth.project as p', 'p.organization_id', 'o.id')
    .innerJoin('auth.membership as m', (join) => join.onRef('m.project_id', '=', 'p.id').on('m.user_id', '=', userId))
    .select(['o.id', 'o.name', 'o.slug', 'o.created_at', 'o.is_ai_data_processing_approved', 'm.level'])
    .where('o.id', '=', organizationId)
    .execute();
  const first = rows[0];
  if (!first) return null;
  return {
    id: first.id,
    name: first.name,
    slug: first.slug,
    created_at: first.created_at.toISOString(),
    membership_level: organizationMembershipLevel(rows.map((row) => row.level as AccessLevel)),
    is_ai_data_processing_approved: first.is_ai_data_processing_approved,
  };
}
