import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';
import { AdminError } from './admin-error.js';
import { looksLikeUuid } from './uuid-shape.js';

// One statement per kind of row, whatever the number of ids, naming the first id that does not exist.

/** auth ids are `serial` (int4): a larger number cannot name a row, and PostgreSQL would reject it as out of range. */
const MAX_SERIAL_ID = 2_147_483_647;

function isSerialId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= MAX_SERIAL_ID;
}

export async function requireUser(db: Kysely<any>, userId: number): Promise<void> {
  const found =
    isSerialId(userId) &&
    (await (db as Kysely<GatewayDatabase>)
      .selectFrom('auth.user')
      .select('id')
      .where('id', '=', userId)
      .executeTakeFirst());
  if (!found) throw new AdminError('NOT_FOUND', `user ${userId} does not exist`);
}

export async function requireProjects(db: Kysely<any>, projectIds: readonly number[]): Promise<void> {
  const impossible = projectIds.find((id) => !isSerialId(id));
  if (impossible !== undefined) throw new AdminError('NOT_FOUND', `project ${impossible} does not exist`);
  if (projectIds.length === 0) return;
  const rows = await (db as Kysely<GatewayDatabase>)
    .selectFrom('auth.project')
    .select('id')
    .where('id', 'in', [...projectIds])
    .execute();
  const existing = new Set(rows.map((row) => row.id));
  const missing = projectIds.find((id) => !existing.has(id));
  if (missing !== undefined) throw new AdminError('NOT_FOUND', `project ${missing} does not exist`);
}

export async function requireOrganizations(db: Kysely<any>, organizationIds: readonly string[]): Promise<void> {
  const malformed = organizationIds.find((id) => !looksLikeUuid(id));
  if (malformed !== undefined) throw new AdminError('NOT_FOUND', `organization ${malformed} does not exist`);
  if (organizationIds.length === 0) return;
  const rows = await (db as Kysely<GatewayDatabase>)
    .selectFrom('auth.organization')
    .select('id')
    .where('id', 'in', [...organizationIds])
    .execute();
  const existing = new Set(rows.map((row) => row.id.toLowerCase()));
  const missing = organizationIds.find((id) => !existing.has(id.toLowerCase()));
  if (missing !== undefined) throw new AdminError('NOT_FOUND', `organization ${missing} does not exist`);
}
