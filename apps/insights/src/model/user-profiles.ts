import type { UserBasic } from '@insights/contracts';
import type { Principal } from '@insights/scope-auth';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { InsightsDatabase } from '../db/database.js';

type Db = Kysely<InsightsDatabase> | Transaction<InsightsDatabase>;

/** Keeps the acting user's profile current, so `created_by` and `last_modified_by` render without the auth tables. */
export async function rememberActingUser(db: Db, principal: Principal): Promise<void> {
  const user = principal.user;
  await db
    .insertInto('insights.user_profile')
    .values({ ...user })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        uuid: user.uuid,
        distinct_id: user.distinct_id,
        first_name: user.first_name,
        last_name: user.last_name,
        email: user.email,
        is_email_verified: user.is_email_verified,
      }),
    )
    .execute();
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
