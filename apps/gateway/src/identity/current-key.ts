import type { CurrentPersonalApiKey } from '@insights/contracts';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';

/** `personal_api_keys/@current`: the key's record; the key itself is never stored, so never shown. */
export async function readCurrentKey(
  db: Kysely<GatewayDatabase>,
  keyId: string,
): Promise<CurrentPersonalApiKey | null> {
  const key = await db
    .selectFrom('auth.personal_api_key')
    .select([
      'id',
      'label',
      'mask_value',
      'scopes',
      'scoped_teams',
      'scoped_organizations',
      'created_at',
      'last_used_at',
    ])
    .where('id', '=', keyId)
    .executeTakeFirst();
  if (!key) return null;
  return {
    ...key,
    created_at: key.created_at.toISOString(),
    last_used_at: key.last_used_at ? key.last_used_at.toISOString() : null,
  };
}
