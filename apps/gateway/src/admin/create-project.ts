import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';
import { AdminError } from './admin-error.js';
import { createOrganization } from './create-organization.js';
import { requireOrganizations } from './require-existing.js';

export interface CreatedProject {
  id: number;
  name: string;
  organization_id: string;
  api_token: string;
}

/** PostHog's project token: `phc_` and 32 random bytes in url-safe base64 (43 characters). */
export function generateProjectApiToken(): string {
  return `phc_${randomBytes(32).toString('base64url')}`;
}

/** Operator action: a new project in an existing organization, or in a new one named after the project. */
export async function createProject(
  db: Kysely<any>,
  input: { name: string; organizationId?: string },
): Promise<CreatedProject> {
  const name = input.name.trim();
  if (name === '') throw new AdminError('INVALID_INPUT', 'project name must not be empty');
  return (db as Kysely<GatewayDatabase>).transaction().execute(async (trx) => {
    if (input.organizationId !== undefined) await requireOrganizations(trx, [input.organizationId]);
    const organizationId = input.organizationId ?? (await createOrganization(trx, { name })).id;
    return trx
      .insertInto('auth.project')
      .values({ uuid: randomUUID(), organization_id: organizationId, name, api_token: generateProjectApiToken() })
      .returning(['id', 'name', 'organization_id', 'api_token'])
      .executeTakeFirstOrThrow();
  });
}
