import { describe, expect, it } from 'vitest';
import { type Principal, signPrincipal } from './principal.js';
import { createPrincipalVerifier } from './principal-verifier.js';

const SECRET = 'a-secret-of-some-length';
const principal: Principal = {
  user: {
    id: 1,
    uuid: 'u',
    distinct_id: 'd',
    first_name: 'A',
    last_name: 'B',
    email: 'a@b.c',
    is_email_verified: true,
  },
  projectId: 1,
  organizationId: null,
  projectLevel: 'editor',
  scopes: ['*'],
  client: null,
};

describe('createPrincipalVerifier', () => {
  it('answers the same principal for a token seen before', () => {
    const verifier = createPrincipalVerifier(SECRET);
    const token = signPrincipal(principal, SECRET, 60_000, 1_000);
    expect(verifier.verify(token, 2_000)).toEqual(principal);
    expect(verifier.verify(token, 3_000)).toEqual(principal);
  });

  it('refuses a cached token once it has expired', () => {
    const verifier = createPrincipalVerifier(SECRET);
    const token = signPrincipal(principal, SECRET, 10_000, 1_000);
    verifier.verify(token, 2_000);
    expect(() => verifier.verify(token, 11_000)).toThrow(/expired/);
  });

  it('still refuses forged and missing tokens', () => {
    const verifier = createPrincipalVerifier(SECRET);
    expect(() => verifier.verify(signPrincipal(principal, 'another-secret-entirely'))).toThrow(/bad_signature/);
    expect(() => verifier.verify(undefined)).toThrow(/missing/);
  });
});
