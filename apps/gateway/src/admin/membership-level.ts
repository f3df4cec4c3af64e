import type { MembershipTable } from '../db/database.js';
import { AdminError } from './admin-error.js';

export type MembershipLevel = MembershipTable['level'];

export const MEMBERSHIP_LEVELS: readonly MembershipLevel[] = ['viewer', 'editor', 'manager'];

export function requireMembershipLevel(level: string): MembershipLevel {
  const known = MEMBERSHIP_LEVELS.find((candidate) => candidate === level);
  if (known === undefined) {
    throw new AdminError('INVALID_INPUT', `level must be one of ${MEMBERSHIP_LEVELS.join(', ')} (got "${level}")`);
  }
  return known;
}
