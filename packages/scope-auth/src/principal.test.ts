import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type Principal,
  PrincipalError,
  type PrincipalErrorReason,
  signPrincipal,
  verifyPrincipal,
} from './principal.js';

const secret = 'test-principal-secret';
const now = 1_700_000_000_000;

const principal: Principal = {
  user: {
    id: 12,
    uuid: '0190a1b2-0000-7000-8000-00000000000c',
    distinct_id: 'distinct-12',
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@example.com',
    is_email_verified: true,
  },
  projectId: 7,
  organizationId: '0190a1b2-0000-7000-8000-000000000001',
  projectLevel: 'editor',
  scopes: ['insight:read', 'activity_log:read'],
  client: 'posthog-python',
};

/** Signs any payload part the way the gateway does, to build tokens the gateway itself would never produce. */
function signRaw(payloadJson: string): string {
  const payloadPart = Buffer.from(payloadJson, 'utf8').toString('base64url');
  return `${payloadPart}.${createHmac('sha256', secret).update(payloadPart).digest('base64url')}`;
}

function rejectionReason(verify: () => unknown): PrincipalErrorReason | 'accepted' {
  try {
    verify();
    return 'accepted';
  } catch (error) {
    if (error instanceof PrincipalError) return error.reason;
    throw error;
  }
}

describe('signPrincipal and verifyPrincipal', () => {
  it('round-trips a principal', () => {
    const token = signPrincipal(principal, secret, 60_000, now);
    expect(verifyPrincipal(token, secret, now + 59_999)).toEqual(principal);
  });

  it('round-trips a principal without project, level or client', () => {
    const anonymousScope = { ...principal, projectId: null, organizationId: null, projectLevel: null, client: null };
    expect(verifyPrincipal(signPrincipal(anonymousScope, secret, 60_000, now), secret, now)).toEqual(anonymousScope);
  });

  it('produces a compact token of two url-safe parts', () => {
    expect(signPrincipal(principal, secret, 60_000, now)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('rejects a missing token', () => {
    expect(rejectionReason(() => verifyPrincipal(undefined, secret, now))).toBe('missing');
    expect(rejectionReason(() => verifyPrincipal('', secret, now))).toBe('missing');
  });

  it('rejects a token that is not two dot-separated parts', () => {
    for (const token of ['no-dot-here', '.signature', 'a.b.c', `x.${'y'.repeat(20_000)}`]) {
      expect(rejectionReason(() => verifyPrincipal(token, secret, now))).toBe('malformed');
    }
  });

  it('rejects a token with a tampered payload', () => {
    const [, signaturePart] = signPrincipal(principal, secret, 60_000, now).split('.');
    const elevated = { ...principal, projectLevel: 'manager', scopes: ['*'] };
    const forgedPayload = Buffer.from(JSON.stringify({ p: elevated, exp: now + 60_000 })).toString('base64url');
    expect(rejectionReason(() => verifyPrincipal(`${forgedPayload}.${signaturePart}`, secret, now))).toBe(
      'bad_signature',
    );
  });

  it('rejects a token signed with another secret', () => {
    const token = signPrincipal(principal, 'another-secret', 60_000, now);
    expect(rejectionReason(() => verifyPrincipal(token, secret, now))).toBe('bad_signature');
  });

  it('rejects a signature of the wrong length', () => {
    const [payloadPart, signaturePart] = signPrincipal(principal, secret, 60_000, now).split('.');
    expect(rejectionReason(() => verifyPrincipal(`${payloadPart}.${signaturePart!.slice(1)}`, secret, now))).toBe(
      'bad_signature',
    );
    expect(rejectionReason(() => verifyPrincipal(`${payloadPart}.${signaturePart}AA`, secret, now))).toBe(
      'bad_signature',
    );
  });

  it('rejects an expired token', () => {
    const token = signPrincipal(principal, secret, 60_000, now);
    expect(rejectionReason(() => verifyPrincipal(token, secret, now + 60_000))).toBe('expired');
  });

  it('rejects a correctly signed payload that is not JSON', () => {
    expect(rejectionReason(() => verifyPrincipal(signRaw('not json'), secret, now))).toBe('malformed');
  });

  it('rejects a correctly signed payload without a numeric expiry', () => {
    expect(rejectionReason(() => verifyPrincipal(signRaw(JSON.stringify({ p: principal })), secret, now))).toBe(
      'malformed',
    );
  });

  it('rejects a correctly signed payload whose principal does not match the schema', () => {
    const token = signRaw(JSON.stringify({ p: { ...principal, projectLevel: 'owner' }, exp: now + 1 }));
    expect(rejectionReason(() => verifyPrincipal(token, secret, now))).toBe('malformed');
  });

  it('throws a PrincipalError that names its reason', () => {
    expect(() => verifyPrincipal(undefined, secret, now)).toThrow(PrincipalError);
    expect(() => verifyPrincipal(undefined, secret, now)).toThrow('missing');
  });
});
