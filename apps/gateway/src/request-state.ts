import type { Authorized } from './auth/authorize-request.js';
import type { ResponseFormat } from './render/format.js';

declare module 'fastify' {
  interface FastifyRequest {
    format: ResponseFormat;
    authorized: Authorized | null;
    /** `X-Coalesced`: whether this request led, followed, or took no part in coalescing. */
    coalescedRole: 'leader' | 'follower' | 'none';
  }
}

export function authorizedOf(request: { authorized: Authorized | null }): Authorized {
  if (!request.authorized) throw new Error('route reached without authorization');
  return request.authorized;
}

/** The per-call context for service clients: the signed principal and the request id. */
export function callContext(request: { authorized: Authorized | null; id: string }) {
  return { context: { principalToken: authorizedOf(request).principalToken, requestId: request.id } };
}
