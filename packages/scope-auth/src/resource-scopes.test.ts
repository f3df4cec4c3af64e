import { describe, expect, it } from 'vitest';
import { checkApiKeyAccess } from './check-api-key-access.js';
import { defaultScopePolicy, INSIGHT_SCOPE_POLICY, requiredScopesFor } from './resource-scopes.js';

describe('requiredScopesFor on a default policy', () => {
  const dashboards = defaultScopePolicy('dashboard');

  it('requires <object>:write for the default write actions', () => {
    for (const action of ['create', 'update', 'partial_update', 'patch', 'destroy']) {
      expect(requiredScopesFor(dashboards, action, 'POST')).toEqual(['dashboard:write']);
    }
  });

  it('requires <object>:read for list and retrieve', () => {
    expect(requiredScopesFor(dashboards, 'list', 'GET')).toEqual(['dashboard:read']);
    expect(requiredScopesFor(dashboards, 'retrieve', 'GET')).toEqual(['dashboard:read']);
  });

  it('requires <object>:read for any OPTIONS request', () => {
    expect(requiredScopesFor(dashboards, 'anything', 'OPTIONS')).toEqual(['dashboard:read']);
  });

  it('yields null for an action in neither list', () => {
    expect(requiredScopesFor(dashboards, 'analyze', 'GET')).toBeNull();
  });

  it('yields null for an action named like an Object.prototype member', () => {
    expect(requiredScopesFor(dashboards, 'constructor', 'GET')).toBeNull();
    expect(requiredScopesFor(INSIGHT_SCOPE_POLICY, 'toString', 'GET')).toBeNull();
  });
});

describe('the bulk_update_tags opt-in', () => {
  it('requires insight:write on insights, which opted in', () => {
    expect(requiredScopesFor(INSIGHT_SCOPE_POLICY, 'bulk_update_tags', 'POST')).toEqual(['insight:write']);
  });

  it('yields null on a resource that did not opt in', () => {
    expect(requiredScopesFor(defaultScopePolicy('dashboard'), 'bulk_update_tags', 'POST')).toBeNull();
  });

  it('rejects keys on a resource that did not opt in, even a key with *', () => {
    const access = checkApiKeyAccess({
      keyScopes: ['*'],
      scopedTeams: null,
      scopedOrganizations: null,
      requiredScopes: requiredScopesFor(defaultScopePolicy('dashboard'), 'bulk_update_tags', 'POST'),
      projectId: 1,
      organizationId: 'org',
    });
    expect(access).toEqual({ allowed: false, detail: 'This action does not support personal API key access' });
  });
});

describe('INSIGHT_SCOPE_POLICY (DESIGN.md decision 1)', () => {
  it.each([
    ['analyze', 'GET', ['insight:read']],
    ['suggestions', 'GET', ['insight:read']],
    ['suggestions', 'POST', ['insight:read']],
    ['my_last_viewed', 'GET', ['insight:read']],
    ['trending', 'GET', ['insight:read']],
    ['viewed', 'POST', ['insight:read']],
    ['cancel', 'POST', ['insight:read']],
    ['generate_metadata', 'POST', ['insight:write']],
    ['bulk_update_tags', 'POST', ['insight:write']],
    ['create', 'POST', ['insight:write']],
    ['partial_update', 'PATCH', ['insight:write']],
    ['destroy', 'DELETE', ['insight:write']],
    ['list', 'GET', ['insight:read']],
    ['retrieve', 'GET', ['insight:read']],
    ['all_activity', 'GET', ['activity_log:read']],
    ['activity', 'GET', ['activity_log:read']],
  ])('%s (%s) requires %j', (action, method, scopes) => {
    expect(requiredScopesFor(INSIGHT_SCOPE_POLICY, action, method)).toEqual(scopes);
  });

  it('returns a copy that callers cannot use to change the policy', () => {
    const scopes = requiredScopesFor(INSIGHT_SCOPE_POLICY, 'analyze', 'GET')!;
    scopes.push('insight:write');
    expect(requiredScopesFor(INSIGHT_SCOPE_POLICY, 'analyze', 'GET')).toEqual(['insight:read']);
  });
});
