import { firstMissingScope, WILDCARD_SCOPE } from './scopes.js';

export interface ApiKeyAccessRequest {
  keyScopes: readonly string[];
  /** Projects the key is restricted to; null or empty means every project. */
  scopedTeams: readonly number[] | null;
  /** Organizations the key is restricted to; null or empty means every organization. */
  scopedOrganizations: readonly string[] | null;
  /** From `requiredScopesFor`; null means the action does not accept keys. */
  requiredScopes: readonly string[] | null;
  /** The project the request targets, or null when the route names none. */
  projectId: number | null;
  /** The organization the request targets, or null when the route names none. */
  organizationId: string | null;
}

export type ApiKeyAccess = { allowed: true } | { allowed: false; detail: string };

export const API_KEY_NOT_SUPPORTED_DETAIL = 'This action does not support personal API key access';

/** PostHog's `APIScopePermission` decision for a personal API key, in PostHog's order and words (answer 403 on deny). */
export function checkApiKeyAccess(request: ApiKeyAccessRequest): ApiKeyAccess {
  const { keyScopes, scopedTeams, scopedOrganizations, requiredScopes, projectId, organizationId } = request;

  if (requiredScopes === null) return deny(API_KEY_NOT_SUPPORTED_DETAIL);

  // Like PostHog, a restriction only applies when the route names a project or organization.
  if (projectId !== null && isRestricted(scopedTeams) && !scopedTeams.includes(projectId)) {
    return deny(`API key does not have access to the requested project: ID ${projectId}.`);
  }
  if (organizationId !== null && isRestricted(scopedOrganizations) && !scopedOrganizations.includes(organizationId)) {
    return deny(`API key does not have access to the requested organization: ID ${organizationId}.`);
  }

  if (keyScopes.includes(WILDCARD_SCOPE)) return ALLOWED;

  const missing = firstMissingScope(keyScopes, requiredScopes);
  if (missing !== null) return deny(`API key missing required scope '${missing}'`);
  return ALLOWED;
}

const ALLOWED: ApiKeyAccess = Object.freeze({ allowed: true });

function deny(detail: string): ApiKeyAccess {
  return { allowed: false, detail };
}

function isRestricted<T>(restriction: readonly T[] | null): restriction is readonly T[] {
  return restriction !== null && restriction.length > 0;
}
