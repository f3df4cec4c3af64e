import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AccessLevelSchema } from './access-level.js';

/** The acting user as the gateway knows it; services keep copies of this shape for rendering. */
export const PrincipalUserSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  distinct_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  is_email_verified: z.boolean(),
});
export type PrincipalUser = z.infer<typeof PrincipalUserSchema>;

/** The identity the gateway vouches for on every service call. */
export const PrincipalSchema = z.object({
  user: PrincipalUserSchema,
  projectId: z.number().int().nullable(),
  organizationId: z.string().nullable(),
  projectLevel: AccessLevelSchema.nullable(),
  scopes: z.array(z.string()),
  client: z.string().nullable(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

export type PrincipalErrorReason = 'missing' | 'malformed' | 'bad_signature' | 'expired';

export class PrincipalError extends Error {
  override readonly name = 'PrincipalError';

  constructor(readonly reason: PrincipalErrorReason) {
    super(`Principal token rejected: ${reason}`);
  }
}

export const DEFAULT_PRINCIPAL_TTL_MS = 60_000;

/** A principal is small; anything far bigger is not one of ours and is not worth hashing. */
const MAX_TOKEN_LENGTH = 16_384;
/** HMAC-SHA256 is 32 bytes: 43 characters of unpadded base64url. */
const SIGNATURE_BYTES = 32;
const SIGNATURE_CHARS = 43;

/**
 * `base64url(JSON {p, exp}) . base64url(HMAC-SHA256(secret, first part))`: a compact token that fits a NATS header.
 */
export function signPrincipal(
  principal: Principal,
  secret: string,
  ttlMs: number = DEFAULT_PRINCIPAL_TTL_MS,
  now: number = Date.now(),
): string {
  const payloadPart = Buffer.from(JSON.stringify({ p: principal, exp: now + ttlMs }), 'utf8').toString('base64url');
  return `${payloadPart}.${createHmac('sha256', secret).update(payloadPart).digest('base64url')}`;
}

/** Returns the principal of a token signed with `secret` that has not expired; throws `PrincipalError` otherwise. */
export function verifyPrincipal(token: string | undefined, secret: string, now: number = Date.now()): Principal {
  if (token === undefined || token.length === 0) throw new PrincipalError('missing');
  if (token.length > MAX_TOKEN_LENGTH) throw new PrincipalError('malformed');

  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) throw new PrincipalError('malformed');
  const payloadPart = token.slice(0, dot);
  const signaturePart = token.slice(dot + 1);

  const expected = createHmac('sha256', secret).update(payloadPart).digest();
  const provided = Buffer.from(signaturePart, 'base64url');
  if (
    signaturePart.length !== SIGNATURE_CHARS ||
    provided.length !== SIGNATURE_BYTES ||
    !timingSafeEqual(provided, expected)
  ) {
    throw new PrincipalError('bad_signature');
  }

  const envelope = parseEnvelope(payloadPart);
  if (now >= envelope.exp) throw new PrincipalError('expired');

  const principal = PrincipalSchema.safeParse(envelope.p);
  if (!principal.success) throw new PrincipalError('malformed');
  return principal.data;
}

function parseEnvelope(payloadPart: string): { p: unknown; exp: number } {
  let envelope: unknown;
  try {
    envelope = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    throw new PrincipalError('malformed');
  }
  if (typeof envelope !== 'object' || envelope === null) throw new PrincipalError('malformed');
  const { p, exp } = envelope as { p?: unknown; exp?: unknown };
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new PrincipalError('malformed');
  return { p, exp };
}
