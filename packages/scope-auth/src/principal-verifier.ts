import { type Principal, PrincipalError, verifyPrincipal } from './principal.js';

export interface PrincipalVerifier {
  verify(token: string | undefined, now?: number): Principal;
}

/**
 * `verifyPrincipal` with a memory of tokens already verified: the gateway reuses a principal's token for many calls,
 * so a service checks each token's signature and shape once and then only its expiry. A cached entry is keyed by
 * the exact token text, so nothing unverified is ever served from it.
 */
export function createPrincipalVerifier(secret: string, maxEntries = 10_000): PrincipalVerifier {
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();
  return {
    verify(token, now = Date.now()) {
      if (token) {
        const hit = verified.get(token);
        if (hit) {
          if (now < hit.expiresAt) return hit.principal;
          verified.delete(token);
          throw new PrincipalError('expired');
        }
      }
      const principal = verifyPrincipal(token, secret, now);
      if (verified.size >= maxEntries) verified.clear();
      verified.set(token!, { principal, expiresAt: readExpiry(token!) });
      return principal;
    },
  };
}

function readExpiry(token: string): number {
  const payload = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as {
    exp: number;
  };
  return payload.exp;
}
