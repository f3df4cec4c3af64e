import type { TtlCache } from '@insights/scope-auth';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';

/** The project a capture token (`phc_…`) names, or null; both answers are cached (unknown tokens are probed too). */
export async function findProjectByToken(
  db: Kysely<GatewayDatabase>,
  cache: TtlCache<string, number | null>,
  token: string,
): Promise<number | null> {
  const cached = cache.get(token);
  if (cached !== undefined) return cached;
  const row = await db.selectFrom('auth.project').select('id').where('api_token', '=', token).executeTakeFirst();
  const projectId = row?.id ?? null;
  cache.set(token, projectId);
  return projectId;
}
