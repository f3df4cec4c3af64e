import type { FastifyRequest } from 'fastify';

/** How the gateway builds the absolute URLs of `next`/`previous` links. */
export interface PublicUrlPolicy {
  /** `PUBLIC_URL`: when set, every link starts with it. */
  publicUrl?: string;
  /** Host names (without port) whose `Host` header is trusted when `PUBLIC_URL` is not set. */
  allowedHosts: readonly string[];
  /** The origin used when the request's host is not trusted. */
  fallbackOrigin: string;
}

/** `ALLOWED_HOSTS` by default: the listen address and localhost. */
export function publicUrlPolicy(options: {
  publicUrl?: string;
  allowedHosts?: readonly string[];
  listenHost: string;
  port: number;
}): PublicUrlPolicy {
  const listenHost = options.listenHost === '0.0.0.0' || options.listenHost === '::' ? 'localhost' : options.listenHost;
  const allowedHosts = options.allowedHosts ?? [...new Set([listenHost, 'localhost', '127.0.0.1', '[::1]'])];
  return {
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    allowedHosts: allowedHosts.map((host) => host.toLowerCase()),
    fallbackOrigin: `http://${listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost}:${options.port}`,
  };
}

function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

/** A query parameter that carries a personal API key, in whatever form it was sent (`personal_api_key[]`, encoded). */
function isKeyParameter(name: string): boolean {
  return name.toLowerCase().startsWith('personal_api_key');
}

/**
 * The absolute URL the client used, for `next`/`previous` links: PUBLIC_URL when set, else the request's own origin if
 * its host is one we trust (a forged `Host` never reaches a link), else the fallback origin. A key sent in the query
 * string is never echoed back.
 */
export function absoluteRequestUrl(request: FastifyRequest, policy: PublicUrlPolicy): URL {
  const trusted = policy.allowedHosts.includes(hostnameOf(request.host).toLowerCase());
  const base = policy.publicUrl ?? (trusted ? `${request.protocol}://${request.host}` : policy.fallbackOrigin);
  const url = new URL(request.originalUrl ?? request.url, `${base}/`);
  for (const name of [...url.searchParams.keys()]) if (isKeyParameter(name)) url.searchParams.delete(name);
  return url;
}
