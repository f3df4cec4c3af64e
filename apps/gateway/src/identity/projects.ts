import type { Project } from '@insights/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { KeyIdentity } from '../auth/key-identity.js';
import type { GatewayDatabase, ProjectTable } from '../db/database.js';

function toProject(row: Selectable<ProjectTable>): Project {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    organization: row.organization_id,
    api_token: row.api_token,
    timezone: row.timezone,
    created_at: row.created_at.toISOString(),
  };
}

export async function readProject(db: Kysely<GatewayDatabase>, projectId: number): Promise<Project | null> {
  const row = await db.selectFrom('auth.project').selectAll().where('id', '=', projectId).executeTakeFirst();
  return row ? toProject(row) : null;
}

/** The projects the key may use: the user's memberships, narrowed to the key's projects and organizations if any. */
export async function listProjectsOfKey(
  db: Kysely<GatewayDatabase>,
  identity: KeyIdentity,
  page: { limit: number; offset: number },
): Promise<{ count: number; results: Project[] }> {
  let query = db
    .selectFrom('auth.project as p')
    .innerJoin('auth.membership as m', (join) =>
      join.onRef('m.project_id', '=', 'p.id').on('m.user_id', '=', identity.user.id),
    );
  if (identity.scopedTeams && identity.scopedTeams.length > 0) query = query.where('p.id', 'in', identity.scopedTeams);
  if (identity.scopedOrganizations && identity.scopedOrganizations.length > 0) {
    query = query.where('p.organization_id', 'in', identity.scopedOrganizations);
  }
  const [rows, total] = await Promise.all([
    query.selectAll('p').orderBy('p.id').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { count: Number(total.count), results: rows.map(toProject) };
}
