import type { EventActor, UserBasic } from '@insights/contracts';
import { intArrayLiteral } from '@insights/db';
import { type RawBuilder, sql } from 'kysely';

/** The user fields views keeps: those of a signed principal's user and of an event's actor (the same shape). */
export type ViewerProfile = EventActor;

/**
 * Upserts users' profiles (one row each: give each id once); an unchanged profile is left alone so repeated views write
 * no dead tuples. A fragment, so that recording views can run it as a CTE of the same statement.
 */
export function upsertUserProfiles(profiles: readonly ViewerProfile[]): RawBuilder<unknown> {
  const column = <T>(pick: (profile: ViewerProfile) => T) => profiles.map(pick);
  return sql`
    INSERT INTO views.user_profile AS profile (id, uuid, distinct_id, first_name, last_name, email, is_email_verified)
    SELECT * FROM unnest(${intArrayLiteral(column((p) => p.id))}::int[], ${column((p) => p.uuid)}::uuid[],
                         ${column((p) => p.distinct_id)}::text[], ${column((p) => p.first_name)}::text[],
                         ${column((p) => p.last_name)}::text[], ${column((p) => p.email)}::text[],
                         ${column((p) => p.is_email_verified)}::boolean[])
    ON CONFLICT (id) DO UPDATE SET
      uuid = EXCLUDED.uuid, distinct_id = EXCLUDED.distinct_id, first_name = EXCLUDED.first_name,
      last_name = EXCLUDED.last_name, email = EXCLUDED.email, is_email_verified = EXCLUDED.is_email_verified
    WHERE (profile.uuid, profile.distinct_id, profile.first_name, profile.last_name, profile.email,
           profile.is_email_verified)
      IS DISTINCT FROM (EXCLUDED.uuid, EXCLUDED.distinct_id, EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.email,
                        EXCLUDED.is_email_verified)`;
}

/** One user's profile: see `upsertUserProfiles`. */
export function upsertUserProfile(user: ViewerProfile): RawBuilder<unknown> {
  return upsertUserProfiles([user]);
}

/** PostHog's UserBasic of a stored profile: views keeps no hedgehog or role, like the rest of our system. */
export function userBasic(profile: ViewerProfile): UserBasic {
  return { ...profile, hedgehog_config: null, role_at_organization: null };
}
