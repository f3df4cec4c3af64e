import type { FastifyRequest } from 'fastify';

/** The absolute URL the client used, for `next`/`previous` links: PUBLIC_URL when set, else the request's host. */
export function absoluteRequestUrl(request: FastifyRequest, publicUrl: string | undefined): URL {
  const base = publicUrl ?? `${request.protocol}://${request.host}`;
  return new URL(request.originalUrl ?? request.url, `${base}/`);
}
