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
  COALESCING_ENABLED: Bool.default(true),
  COALESCING_HEARTBEAT_MS: z.coerce.number().int().positive().default(5_000),
  RATE_LIMIT_ENABLED: Bool.default(false),
  RATE_LIMIT_ALLOW_LIST_PROJECTS: z.string().default(''),
  QUERY_RATE_PER_MINUTE: z.coerce.number().int().positive().default(240),
  QUERY_RATE_PER_HOUR: z.coerce.number().int().positive().default(1_200),
  AI_RATE_PER_MINUTE: z.coerce.number().int().positive().default(50),
  AI_RATE_PER_HOUR: z.coerce.number().int().positive().default(200),
  AI_RATE_PER_DAY: z.coerce.number().int().positive().default(500),
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
    coalescing: { enabled: v.COALESCING_ENABLED, heartbeatMs: v.COALESCING_HEARTBEAT_MS },
    throttling: {
      enabled: v.RATE_LIMIT_ENABLED,
      allowListProjects: new Set(
        v.RATE_LIMIT_ALLOW_LIST_PROJECTS.split(',')
          .map((id) => id.trim())
          .filter(Boolean)
          .map(Number),
      ),
      families: {
        query: [
          { window: 'minute' as const, limit: v.QUERY_RATE_PER_MINUTE },
          { window: 'hour' as const, limit: v.QUERY_RATE_PER_HOUR },
        ],
        ai: [
          { window: 'minute' as const, limit: v.AI_RATE_PER_MINUTE },
          { window: 'hour' as const, limit: v.AI_RATE_PER_HOUR },
          { window: 'day' as const, limit: v.AI_RATE_PER_DAY },
        ],
      },
    },
    allowedHosts: v.ALLOWED_HOSTS?.split(',')
      .map((host) => host.trim())
      .filter(Boolean),
  };
}
export type GatewayEnv = ReturnType<typeof readGatewayEnv>;
