import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';
import { type MembershipLevel, requireMembershipLevel } from './membership-level.js';
import { requireProjects, requireUser } from './require-existing.js';

export interface Membership {
  project_id: number;
  user_id: number;
  level: MembershipLevel;
}

/** Operator action: makes a user a member of a project, or changes their level when they already are one. */
export async function addMember(
  db: Kysely<any>,
  input: { projectId: number; userId: number; level: MembershipLevel },
): Promise<Membership> {
  const level = requireMembershipLevel(input.level);
  await requireProjects(db, [input.projectId]);
  await requireUser(db, input.userId);
  // joined_at is kept on a level change: the first membership stays the user's "current" project.
  return (db as Kysely<GatewayDatabase>)
    .insertInto('auth.membership')
    .values({ project_id: input.projectId, user_id: input.userId, level })
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ level }))
    .returning(['project_id', 'user_id', 'level'])
    .executeTakeFirstOrThrow();
}
