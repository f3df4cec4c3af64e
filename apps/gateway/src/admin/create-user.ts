import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';
import { AdminError } from './admin-error.js';
import { type MembershipLevel, requireMembershipLevel } from './membership-level.js';
import { requireProjects } from './require-existing.js';

export interface CreatedUser {
  id: number;
  uuid: string;
  email: string;
  first_name: string;
  last_name: string;
  distinct_id: string;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

/** Operator action: a new user, optionally made a member of one project in the same transaction. */
export async function createUser(
  db: Kysely<any>,
  input: {
    email: string;
    firstName?: string;
    lastName?: string;
    membership?: { projectId: number; level: MembershipLevel };
  },
): Promise<CreatedUser> {
  const email = input.email.trim();
  if (!EMAIL_PATTERN.test(email)) throw new AdminError('INVALID_INPUT', `not an email address: "${email}"`);
  const membership = input.membership && { ...input.membership, level: requireMembershipLevel(input.membership.level) };
  return (db as Kysely<GatewayDatabase>).transaction().execute(async (trx) => {
    if (membership) await requireProjects(trx, [membership.projectId]);
    const user = await trx
      .insertInto('auth.user')
      .values({
        uuid: randomUUID(),
        distinct_id: randomUUID(),
        email,
        first_name: input.firstName?.trim() ?? '',
        last_name: input.lastName?.trim() ?? '',
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(['id', 'uuid', 'email', 'first_name', 'last_name', 'distinct_id'])
      .executeTakeFirst();
    if (!user) throw new AdminError('CONFLICT', `a user with email ${email} already exists`);
    if (membership) {
      await trx
        .insertInto('auth.membership')
        .values({ project_id: membership.projectId, user_id: user.id, level: membership.level })
        .execute();
    }
    return user;
  });
}
