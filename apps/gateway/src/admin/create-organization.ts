import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';
import { AdminError } from './admin-error.js';

export interface CreatedOrganization {
  id: string;
  name: string;
  is_ai_data_processing_approved: boolean;
}

const SLUG_MAX_LENGTH = 48;
const SLUG_ATTEMPTS = 8;

/** `Acme, Inc.` → `acme-inc`: the readable part of an organization slug. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
  return slug === '' ? 'organization' : slug;
}

/**
 * Operator action: a new organization whose slug is derived from its name. A taken slug gets a random suffix, and
 * the unique index (not a prior read) decides, so concurrent creations with the same name cannot collide.
 */
export async function createOrganization(
  db: Kysely<any>,
  input: { name: string; aiApproved?: boolean },
): Promise<CreatedOrganization> {
  const name = input.name.trim();
  if (name === '') throw new AdminError('INVALID_INPUT', 'organization name must not be empty');
  const auth = db as Kysely<GatewayDatabase>;
  const baseSlug = slugify(name);
  for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
    const slug = attempt === 0 ? baseSlug : `${baseSlug}-${randomBytes(3).toString('hex')}`;
    const created = await auth
      .insertInto('auth.organization')
      .values({ id: randomUUID(), name, slug, is_ai_data_processing_approved: input.aiApproved ?? false })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning(['id', 'name', 'is_ai_data_processing_approved'])
      .executeTakeFirst();
    if (created) return created;
  }
  throw new AdminError('CONFLICT', `could not find a free slug for organization "${name}"`);
}
