import { describe, expect, it } from 'vitest';
import {
  AccessLevelSchema,
  accessLevelAtLeast,
  NO_PROJECT_ACCESS_DETAIL,
  noAccessDetail,
  requiredLevelFor,
} from './access-level.js';

describe('accessLevelAtLeast', () => {
  it('orders none < viewer < editor < manager', () => {
    expect(accessLevelAtLeast('viewer', 'none')).toBe(true);
    expect(accessLevelAtLeast('editor', 'viewer')).toBe(true);
    expect(accessLevelAtLeast('manager', 'editor')).toBe(true);
    expect(accessLevelAtLeast('viewer', 'editor')).toBe(false);
    expect(accessLevelAtLeast('none', 'viewer')).toBe(false);
  });

  it('counts an equal level as enough', () => {
    expect(accessLevelAtLeast('editor', 'editor')).toBe(true);
  });
});

describe('AccessLevelSchema', () => {
  it('accepts the four levels and nothing else', () => {
    expect(AccessLevelSchema.options).toEqual(['none', 'viewer', 'editor', 'manager']);
    expect(AccessLevelSchema.safeParse('admin').success).toBe(false);
  });
});

describe('requiredLevelFor', () => {
  it('needs editor when any required scope is a write scope', () => {
    expect(requiredLevelFor(['insight:write'], 'GET')).toBe('editor');
    expect(requiredLevelFor(['insight:read', 'insight:write'], 'POST')).toBe('editor');
  });

  it('needs viewer when the required scopes are all read scopes, whatever the method', () => {
    expect(requiredLevelFor(['insight:read'], 'POST')).toBe('viewer');
    expect(requiredLevelFor(['activity_log:read'], 'GET')).toBe('viewer');
  });

  it('needs viewer for safe methods when there are no required scopes', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      expect(requiredLevelFor(null, method)).toBe('viewer');
    }
  });

  it('needs editor for unsafe methods when there are no required scopes', () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      expect(requiredLevelFor(null, method)).toBe('editor');
    }
    expect(requiredLevelFor([], 'POST')).toBe('editor');
  });
});

describe('denial details', () => {
  it('names the missing level', () => {
    expect(noAccessDetail('editor')).toBe('You do not have editor access to this resource.');
  });

  it('uses PostHog words for a non-member', () => {
    expect(NO_PROJECT_ACCESS_DETAIL).toBe("You don't have access to the project.");
  });
});
