import { describe, expect, it } from 'vitest';
import { type ApiKeyAccessRequest, checkApiKeyAccess } from './check-api-key-access.js';

const unrestrictedReadKey: ApiKeyAccessRequest = {
  keyScopes: ['insight:read'],
  scopedTeams: null,
  scopedOrganizations: null,
  requiredScopes: ['insight:read'],
  projectId: 7,
  organizationId: '0190a1b2-0000-7000-8000-000000000001',
};

function check(overrides: Partial<ApiKeyAccessRequest>) {
  return checkApiKeyAccess({ ...unrestrictedReadKey, ...overrides });
}

describe('checkApiKeyAccess', () => {
  it('allows a key that holds the required scope', () => {
    expect(check({})).toEqual({ allowed: true });
  });

  it('rejects every key on an action without required scopes', () => {
    expect(check({ requiredScopes: null, keyScopes: ['*'] })).toEqual({
      allowed: false,
      detail: 'This action does not support personal API key access',
    });
  });

  it('allows a key with X:write where X:read is required', () => {
    expect(check({ keyScopes: ['insight:write'] })).toEqual({ allowed: true });
  });

  it('allows a key with * whatever is required', () => {
    expect(check({ keyScopes: ['*'], requiredScopes: ['insight:write', 'activity_log:read'] })).toEqual({
      allowed: true,
    });
  });

  it('names the first missing scope', () => {
    expect(check({ requiredScopes: ['insight:read', 'activity_log:read'] })).toEqual({
      allowed: false,
      detail: "API key missing required scope 'activity_log:read'",
    });
  });

  it('does not let X:read satisfy X:write', () => {
    expect(check({ requiredScopes: ['insight:write'] })).toEqual({
      allowed: false,
      detail: "API key missing required scope 'insight:write'",
    });
  });

  it('treats an empty scope list as no access', () => {
    expect(check({ keyScopes: [] })).toEqual({
      allowed: false,
      detail: "API key missing required scope 'insight:read'",
    });
  });

  it('allows any valid key when the action requires an empty scope list', () => {
    expect(check({ keyScopes: [], requiredScopes: [] })).toEqual({ allowed: true });
  });

  it('rejects a key restricted to other projects', () => {
    expect(check({ scopedTeams: [1, 2] })).toEqual({
      allowed: false,
      detail: 'API key does not have access to the requested project: ID 7.',
    });
  });

  it('allows a key restricted to projects that include the requested one', () => {
    expect(check({ scopedTeams: [1, 7] })).toEqual({ allowed: true });
  });

  it('rejects a key restricted to other organizations', () => {
    expect(check({ scopedOrganizations: ['other-org'] })).toEqual({
      allowed: false,
      detail: 'API key does not have access to the requested organization: ID 0190a1b2-0000-7000-8000-000000000001.',
    });
  });

  it('treats empty restriction lists as unrestricted', () => {
    expect(check({ scopedTeams: [], scopedOrganizations: [] })).toEqual({ allowed: true });
  });

  it('skips a restriction when the route names no project or organization', () => {
    expect(
      check({ scopedTeams: [1], scopedOrganizations: ['other-org'], projectId: null, organizationId: null }),
    ).toEqual({ allowed: true });
  });

  it('checks the project restriction before the organization restriction and the scopes', () => {
    expect(check({ scopedTeams: [1], scopedOrganizations: ['other-org'], keyScopes: [] })).toEqual({
      allowed: false,
      detail: 'API key does not have access to the requested project: ID 7.',
    });
  });

  it('checks restrictions even for a key with *', () => {
    expect(check({ keyScopes: ['*'], scopedOrganizations: ['other-org'] })).toMatchObject({ allowed: false });
  });

  it('checks for missing scope support before the restrictions', () => {
    expect(check({ requiredScopes: null, scopedTeams: [1] })).toEqual({
      allowed: false,
      detail: 'This action does not support personal API key access',
    });
  });
});
