import type { UserBasic } from '@insights/contracts';
import type { Principal } from '@insights/scope-auth';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { InsightsDatabase } from '../db/database.js';

type Db = Kysely<InsightsDatabase> | Transaction<InsightsDatabase>;

/**
 * Keeps the acting user's profile current, so `created_by` and `last_modified_by` render without the auth tables.
 * Writes (and so locks the profile row) only when the profile is new or changed: a user's concurrent writes do not
 * queue on their own profile.
 */
export async function rememberActingUser(db: Db, principal: Principal): Promise<void> {
  const user = principal.user;
  await sql`
    INSERT INTO insights.user_profile AS p (id, uuid, distinct_id, first_name, last_name, email, is_email_verified)
    SELECT ${user.id}::int, ${user.uuid}::uuid, ${user.distinct_id}::text, ${user.first_name}::text,
      ${user.last_name}::text, ${user.email}::text, ${user.is_email_verified}::boolean
    WHERE NOT EXISTS (
      SELECT 1 FROM insights.user_profile c
      WHERE c.id = ${user.id} AND c.uuid = ${user.uuid}::uuid AND c.distinct_id = ${user.distinct_id}
        AND c.first_name = ${user.first_name} AND c.last_name = ${user.last_name} AND c.email = ${user.email}
        AND c.is_email_verified = ${user.is_email_verified})
    ON CONFLICT (id) DO UPDATE SET
      uuid = excluded.uuid, distinct_id = excluded.distinct_id, first_name = excluded.first_name,
      last_name = excluded.last_name, email = excluded.email, is_email_verified = excluded.is_email_verified`.execute(
    db,
  );
}

export async function loadUsers(db: Db, userIds: readonly (number | null)[]): Promise<Map<number, UserBasic>> {
  const ids = [...new Set(userIds.filter((id): id is number => id !== null))];
  const users = new Map<number, UserBasic>();
  if (ids.length === 0) return users;
  const rows = await db
    .selectFrom('insights.user_profile')
    .selectAll()
    .where('id', '=', sql<number>`any(${sql.val(ids)}::int[])`)
    .execute();
  for (const row of rows) {
    users.set(row.id, { ...row, hedgehog_config: null, role_at_organization: null });
  }
  return users;
}
