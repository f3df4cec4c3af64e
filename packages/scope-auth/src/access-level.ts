import { z } from 'zod';

/** A user's level on a project or an object, ordered `none < viewer < editor < manager`. */
export const AccessLevelSchema = z.enum(['none', 'viewer', 'editor', 'manager']);
export type AccessLevel = z.infer<typeof AccessLevelSchema>;

const RANK: Readonly<Record<AccessLevel, number>> = { none: 0, viewer: 1, editor: 2, manager: 3 };

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export const NO_PROJECT_ACCESS_DETAIL = "You don't have access to the project.";

export function accessLevelAtLeast(have: AccessLevel, need: AccessLevel): boolean {
  return RANK[have] >= RANK[need];
}

/**
 * The level an action needs on its resource (PostHog's `AccessControlPermission`): editor when any required scope is
 * a write scope, viewer when it has scopes; without scopes, viewer for safe methods and editor otherwise.
 */
export function requiredLevelFor(requiredScopes: readonly string[] | null, method: string): 'viewer' | 'editor' {
  if (requiredScopes !== null && requiredScopes.length > 0) {
    return requiredScopes.some((scope) => scope.endsWith(':write')) ? 'editor' : 'viewer';
  }
  return SAFE_METHODS.has(method.toUpperCase()) ? 'viewer' : 'editor';
}

export function noAccessDetail(level: AccessLevel): string {
  return `You do not have ${level} access to this resource.`;
}
