import type { AccessLevel } from '@insights/scope-auth';

/**
 * PostHog ranks organization members 1 (member), 8 (admin), 15 (owner). Our memberships are per project, so a user
 * who manages any project of an organization is its admin and any other member is a member.
 */
export function organizationMembershipLevel(projectLevels: readonly AccessLevel[]): 1 | 8 | null {
  if (projectLevels.length === 0) return null;
  return projectLevels.includes('manager') ? 8 : 1;
}
