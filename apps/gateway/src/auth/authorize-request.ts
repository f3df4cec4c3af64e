import type { RouteMetadata } from '@insights/contracts';
import {
  accessLevelAtLeast,
  checkApiKeyAccess,
  findPersonalApiKey,
  INSIGHT_SCOPE_POLICY,
  invalidKeyMessage,
  NO_PROJECT_ACCESS_DETAIL,
  noAccessDetail,
  type Principal,
  queryScopesFor,
  requiredLevelFor,
  requiredScopesFor,
  signPrincipal,
  type TtlCache,
} from '@insights/scope-auth';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';
import {
  authenticationFailed,
  notAuthenticated,
  notFound,
  PostHogHttpError,
  permissionDenied,
} from '../render/posthog-error.js';
import { identifyKey, type KeyIdentity } from './key-identity.js';
import { findProjectMembership, type ProjectMembership, type ProjectQuerySettings } from './project-membership.js';

export interface AuthorizeDeps {
  db: Kysely<GatewayDatabase>;
  keyCache: TtlCache<string, KeyIdentity | null>;
  membershipCache: TtlCache<string, ProjectMembership | null>;
  principalSecret: string;
  /** Signed principals by who/where, reused while fresh so a key's requests do not each pay for signing. */
  tokenCache: TtlCache<string, string>;
}

export interface IncomingRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  query: Record<string, unknown>;
  projectIdParam: string | undefined;
  organizationIdParam?: string | undefined;
  requestId: string;
}

export interface Authorized {
  principal: Principal;
  principalToken: string;
  identity: KeyIdentity;
  /** The project's query settings, on project routes. */
  project: ProjectQuerySettings | null;
  /** Whether the project's organization approved sending its data to an external AI model. */
  aiDataProcessingApproved: boolean;
}

/** A signed principal lives a minute; the gateway reuses it for half of that, so it never sends one about to expire. */
const PRINCIPAL_TTL_MS = 60_000;
export const PRINCIPAL_REUSE_MS = PRINCIPAL_TTL_MS / 2;

function projectNotFound(): PostHogHttpError {
  return new PostHogHttpError(404, {
    type: 'invalid_request',
    code: 'not_found',
    detail: 'Project not found.',
    attr: null,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Authentication, then API-key scope and project checks, in PostHog's order (spec §1–§2): 401 without a valid key,
 * 403 for a missing scope, a key restricted elsewhere, a non-member or a level below the action's.
 */
export async function authorizeRequest(
  deps: AuthorizeDeps,
  request: IncomingRequest,
  route: RouteMetadata,
): Promise<Authorized> {
  const found = findPersonalApiKey({
    authorization: headerValue(request.headers.authorization),
    body: request.body,
    query: request.query,
  });
  if (!found) throw notAuthenticated();
  const identity = await identifyKey(deps.db, deps.keyCache, found.key);
  if (!identity) throw authenticationFailed(invalidKeyMessage(found.source));

  let membership: ProjectMembership | null = null;
  if (route.projectScoped) {
    const param = request.projectIdParam ?? '';
    if (!/^\d{1,9}$/.test(param)) throw projectNotFound();
    membership = await findProjectMembership(deps.db, deps.membershipCache, Number(param), identity.user.id);
    if (!membership) throw projectNotFound();
  }

  let organizationId = membership?.project.organizationId ?? null;
  if (route.organizationScoped) {
    const param = request.organizationIdParam ?? '';
    if (!UUID.test(param)) throw notFound();
    organizationId = param.toLowerCase();
  }

  const requiredScopes =
    route.resource === 'insight'
      ? requiredScopesFor(INSIGHT_SCOPE_POLICY, route.action, request.method)
      : route.resource === 'query'
        ? queryScopesFor(identity.scopes)
        : [];
  const keyAccess = checkApiKeyAccess({
    keyScopes: identity.scopes,
    scopedTeams: identity.scopedTeams,
    scopedOrganizations: identity.scopedOrganizations,
    requiredScopes,
    projectId: membership?.project.id ?? null,
    organizationId,
  });
  if (!keyAccess.allowed) throw permissionDenied(keyAccess.detail);

  if (membership) {
    if (membership.level === 'none') throw permissionDenied(NO_PROJECT_ACCESS_DETAIL);
    const needed = requiredLevelFor(requiredScopes, request.method);
    // Object-level actions: the insights service checks each insight (an override may grant what the project does not).
    if (!route.objectLevel && !accessLevelAtLeast(membership.level, needed)) {
      throw permissionDenied(noAccessDetail(needed));
    }
  }

  const principal: Principal = {
    user: identity.user,
    projectId: membership?.project.id ?? null,
    organizationId: membership?.project.organizationId ?? null,
    projectLevel: membership?.level ?? null,
    scopes: identity.scopes,
    client: headerValue(request.headers['x-posthog-client']) ?? null,
  };
  const tokenKey = JSON.stringify([identity.keyId, principal.projectId, principal.projectLevel, principal.client]);
  let principalToken = deps.tokenCache.get(tokenKey);
  if (!principalToken) {
    principalToken = signPrincipal(principal, deps.principalSecret, PRINCIPAL_TTL_MS);
    deps.tokenCache.set(tokenKey, principalToken);
  }
  const project = membership
    ? {
        timezone: membership.project.timezone,
        weekStartDay: membership.project.weekStartDay,
        testAccountFilters: membership.project.testAccountFilters,
      }
    : null;
  const aiDataProcessingApproved = membership?.project.aiDataProcessingApproved ?? false;
  return { principal, principalToken, identity, project, aiDataProcessingApproved };
}
