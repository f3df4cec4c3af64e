import { parseServiceEnv } from '@insights/transport';
import { z } from 'zod';

const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const GatewayOnly = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: Bool.default(false),
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).default(5_000),
  ALLOWED_HOSTS: z.string().optional(),
  QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  INGEST_MAX_BACKLOG_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(8 * 1024 * 1024),
});

/**
 * The gateway's settings (DESIGN.md "Configuration"), parsed once at start-up: the ones every service reads
 * (`GATEWAY_DATABASE_URL` overriding `DATABASE_URL`), plus the HTTP edge's own.
 */
export function readGatewayEnv(env: NodeJS.ProcessEnv = process.env) {
  const shared = parseServiceEnv('gateway', env);
  const parsed = GatewayOnly.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment for gateway: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const v = parsed.data;
  return {
    ...shared,
    port: v.PORT,
    host: v.HOST,
    publicUrl: v.PUBLIC_URL?.replace(/\/$/, ''),
    trustProxy: v.TRUST_PROXY,
    authCacheTtlMs: v.AUTH_CACHE_TTL_MS,
    ingestMaxBacklogBytes: v.INGEST_MAX_BACKLOG_BYTES,
    queryTimeoutMs: v.QUERY_TIMEOUT_MS,
    allowedHosts: v.ALLOWED_HOSTS?.split(',')
      .map((host) => host.trim())
      .filter(Boolean),
  };
}
export type GatewayEnv = ReturnType<typeof readGatewayEnv>;
