import { describe, expect, it } from 'vitest';
import { firstMissingScope, ScopeString, scopeSatisfied } from './scopes.js';

describe('scopeSatisfied', () => {
  it('is satisfied by the exact scope', () => {
    expect(scopeSatisfied(['insight:read'], 'insight:read')).toBe(true);
  });

  it('lets X:write satisfy X:read', () => {
    expect(scopeSatisfied(['insight:write'], 'insight:read')).toBe(true);
    expect(scopeSatisfied(['activity_log:write'], 'activity_log:read')).toBe(true);
  });

  it('does not let X:read satisfy X:write', () => {
    expect(scopeSatisfied(['insight:read'], 'insight:write')).toBe(false);
  });

  it('does not let a scope of another object satisfy', () => {
    expect(scopeSatisfied(['insight:write'], 'activity_log:read')).toBe(false);
  });

  it('lets * satisfy anything', () => {
    expect(scopeSatisfied(['*'], 'insight:write')).toBe(true);
    expect(scopeSatisfied(['*'], 'activity_log:read')).toBe(true);
  });

  it('is never satisfied by an empty scope list', () => {
    expect(scopeSatisfied([], 'insight:read')).toBe(false);
  });
});

describe('firstMissingScope', () => {
  it('returns the first required scope that is not granted', () => {
    expect(firstMissingScope(['insight:read'], ['insight:read', 'activity_log:read', 'insight:write'])).toBe(
      'activity_log:read',
    );
  });

  it('returns null when every required scope is granted', () => {
    expect(firstMissingScope(['insight:write', 'activity_log:read'], ['insight:read', 'activity_log:read'])).toBeNull();
  });

  it('returns null when nothing is required', () => {
    expect(firstMissingScope([], [])).toBeNull();
  });
});

describe('ScopeString', () => {
  it('accepts object:read, object:write and *', () => {
    for (const scope of ['insight:read', 'insight:write', 'activity_log:read', '*']) {
      expect(ScopeString.safeParse(scope).success).toBe(true);
    }
  });

  it('rejects anything else', () => {
    for (const scope of ['insight', 'insight:delete', 'Insight:read', ':read', 'insight:read ', '**', '', 'a:b:read']) {
      expect(ScopeString.safeParse(scope).success).toBe(false);
    }
  });
});
