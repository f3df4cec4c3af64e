import { scopeSatisfied } from './scopes.js';

/**
 * PostHog's rule for which scopes a personal API key needs on an action of a resource (`APIScopePermission`):
 * an action's own declared scopes win; otherwise the resource's write and read action lists decide; an action in
 * neither list (and no OPTIONS request) has no scopes, which means keys may not call it at all.
 */
export interface ResourceScopePolicy {
  scopeObject: string;
  writeActions: readonly string[];
  readActions: readonly string[];
  /** The `required_scopes` each action declares for itself, by action name. */
  declared: Readonly<Record<string, readonly string[]>>;
}

export const DEFAULT_WRITE_ACTIONS: readonly string[] = Object.freeze([
  'create',
  'update',
  'partial_update',
  'patch',
  'destroy',
]);
export const DEFAULT_READ_ACTIONS: readonly string[] = Object.freeze(['list', 'retrieve']);

/** A resource that keeps PostHog's default action lists and declares nothing: it has not opted in to extra actions. */
export function defaultScopePolicy(scopeObject: string): ResourceScopePolicy {
  return Object.freeze({
    scopeObject,
    writeActions: DEFAULT_WRITE_ACTIONS,
    readActions: DEFAULT_READ_ACTIONS,
    declared: Object.freeze({}),
  });
}

/** The scopes a key needs for `action`, or null when the action does not support personal API key access. */
export function requiredScopesFor(policy: ResourceScopePolicy, action: string, method: string): string[] | null {
  // Own properties only, so an action named like an Object.prototype member cannot pick up a bogus value.
  const declared = Object.hasOwn(policy.declared, action) ? policy.declared[action] : undefined;
  if (declared !== undefined) return [...declared];
  if (policy.writeActions.includes(action)) return [`${policy.scopeObject}:write`];
  if (policy.readActions.includes(action) || method.toUpperCase() === 'OPTIONS') return [`${policy.scopeObject}:read`];
  return null;
}

const INSIGHT_READ = Object.freeze(['insight:read']);
const INSIGHT_WRITE = Object.freeze(['insight:write']);
const ACTIVITY_LOG_READ = Object.freeze(['activity_log:read']);

/**
 * DESIGN.md decision 1: keys work on all insight endpoints. `bulk_update_tags` is opted in through the write-action
 * list (PostHog's mechanism for mixin actions); the other actions declare their scopes.
 */
export const INSIGHT_SCOPE_POLICY: ResourceScopePolicy = Object.freeze({
  scopeObject: 'insight',
  writeActions: Object.freeze([...DEFAULT_WRITE_ACTIONS, 'bulk_update_tags']),
  readActions: DEFAULT_READ_ACTIONS,
  declared: Object.freeze({
    analyze: INSIGHT_READ,
    suggestions: INSIGHT_READ,
    my_last_viewed: INSIGHT_READ,
    trending: INSIGHT_READ,
    viewed: INSIGHT_READ,
    cancel: INSIGHT_READ,
    generate_metadata: INSIGHT_WRITE,
    all_activity: ACTIVITY_LOG_READ,
    activity: ACTIVITY_LOG_READ,
  }),
});

/**
 * The query API (`/query/`) needs `query:read`; a key with `insight:read` (or `insight:write`) may run queries too,
 * since every insight read runs them. Answers the scope the key satisfies, else `query:read` (named in the 403).
 */
export function queryScopesFor(keyScopes: readonly string[]): string[] {
  if (!scopeSatisfied(keyScopes, 'query:read') && scopeSatisfied(keyScopes, 'insight:read')) return ['insight:read'];
  return ['query:read'];
}
