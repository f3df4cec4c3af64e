import { hashPersonalApiKey, type PrincipalUser, type TtlCache } from '@insights/scope-auth';
import { type Kysely, sql } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';

/** Who a valid personal API key belongs to, and what it may do. */
export interface KeyIdentity {
  keyId: string;
  /** The key's sha256 (hex), as stored: what throttles count requests by. */
  keyHash: string;
  scopes: string[];
  scopedTeams: number[] | null;
  scopedOrganizations: string[] | null;
  user: PrincipalUser;
}

const LAST_USED_RESOLUTION = "interval '1 hour'";

/**
 * Looks a key up by its hash, through a short in-memory cache. A miss costs one statement; `last_used_at` is bumped
 * only when it is more than an hour old (spec §2.1), never a write per request.
 */
export async function identifyKey(
  db: Kysely<GatewayDatabase>,
  cache: TtlCache<string, KeyIdentity | null>,
  key: string,
): Promise<KeyIdentity | null> {
  const hash = hashPersonalApiKey(key);
  const cached = cache.get(hash);
  if (cached !== undefined) return cached;
  const row = await db
    .selectFrom('auth.personal_api_key as k')
    .innerJoin('auth.user as u', 'u.id', 'k.user_id')
    .select([
      'k.id as key_id',
      'k.scopes',
      'k.scoped_teams',
      'k.scoped_organizations',
      'k.last_used_at',
      'u.id',
      'u.uuid',
      'u.distinct_id',
      'u.first_name',
      'u.last_name',
      'u.email',
      'u.is_email_verified',
    ])
    .where('k.secure_value', '=', hash)
    .where('u.is_active', '=', true)
    .executeTakeFirst();
  const identity: KeyIdentity | null = row
    ? {
        keyId: row.key_id,
        keyHash: hash,
        scopes: row.scopes,
        scopedTeams: row.scoped_teams,
        scopedOrganizations: row.scoped_organizations,
        user: {
          id: row.id,
          uuid: row.uuid,
          distinct_id: row.distinct_id,
          first_name: row.first_name,
          last_name: row.last_name,
          email: row.email,
          is_email_verified: row.is_email_verified,
        },
      }
    : null;
  cache.set(hash, identity);
  if (row) {
    await sql`UPDATE auth.personal_api_key SET last_used_at = now()
      WHERE id = ${row.key_id} AND (last_used_at IS NULL OR last_used_at < now() - ${sql.raw(LAST_USED_RESOLUTION)})`.execute(
      db,
    );
  }
  return identity;
}
