import { randomUUID } from 'node:crypto';
import { generatePersonalApiKey, hashPersonalApiKey, maskPersonalApiKey, ScopeString } from '@insights/scope-auth';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';
import { AdminError } from './admin-error.js';
import { requireOrganizations, requireProjects, requireUser } from './require-existing.js';

export interface CreatedPersonalApiKey {
  id: string;
  /** The key in clear: returned once, never stored. */
  key: string;
  mask_value: string;
  scopes: string[];
  scoped_teams: number[] | null;
  scoped_organizations: string[] | null;
}

/** PostHog's `PersonalAPIKey.label` limit. */
const LABEL_MAX_LENGTH = 40;

/**
 * Operator action: a personal API key for a user. Only its sha256 hash and its mask are stored; the clear key is in
 * the result and nowhere else. Without project or organization ids the key is not restricted to any.
 */
export async function createPersonalApiKey(
  db: Kysely<any>,
  input: {
    userId: number;
    scopes: readonly string[];
    scopedTeams?: readonly number[];
    scopedOrganizations?: readonly string[];
    label?: string;
  },
): Promise<CreatedPersonalApiKey> {
  const scopes = validScopes(input.scopes);
  const scopedTeams = nonEmptyOrNull(input.scopedTeams, 'projects');
  const scopedOrganizations = nonEmptyOrNull(input.scopedOrganizations, 'organizations');
  const label = input.label?.trim() ?? '';
  if (label.length > LABEL_MAX_LENGTH) {
    throw new AdminError('INVALID_INPUT', `label must be at most ${LABEL_MAX_LENGTH} characters`);
  }
  await requireUser(db, input.userId);
  await requireProjects(db, scopedTeams ?? []);
  await requireOrganizations(db, scopedOrganizations ?? []);

  const key = generatePersonalApiKey();
  const stored = await (db as Kysely<GatewayDatabase>)
    .insertInto('auth.personal_api_key')
    .values({
      id: randomUUID(),
      user_id: input.userId,
      label,
      secure_value: hashPersonalApiKey(key),
      mask_value: maskPersonalApiKey(key),
      scopes,
      scoped_teams: scopedTeams,
      scoped_organizations: scopedOrganizations,
    })
    .returning(['id', 'mask_value', 'scopes', 'scoped_teams', 'scoped_organizations'])
    .executeTakeFirstOrThrow();
  return {
    id: stored.id,
    key,
    mask_value: stored.mask_value,
    scopes: stored.scopes,
    scoped_teams: stored.scoped_teams,
    scoped_organizations: stored.scoped_organizations,
  };
}

function validScopes(scopes: readonly string[]): string[] {
  if (scopes.length === 0) throw new AdminError('INVALID_INPUT', 'a key needs at least one scope');
  for (const scope of scopes) {
    const parsed = ScopeString.safeParse(scope);
    if (!parsed.success) {
      throw new AdminError(
        'INVALID_INPUT',
        `invalid scope "${scope}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
  }
  return [...new Set(scopes)];
}

function nonEmptyOrNull<T>(values: readonly T[] | undefined, what: string): T[] | null {
  if (values === undefined) return null;
  if (values.length === 0) throw new AdminError('INVALID_INPUT', `a key scoped to ${what} needs at least one id`);
  return [...new Set(values)];
}
