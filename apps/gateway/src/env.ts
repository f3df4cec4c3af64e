import { z } from 'zod';

const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The gateway's settings (DESIGN.md "Configuration"), parsed once at start-up. */
export function readGatewayEnv(env: NodeJS.ProcessEnv = process.env) {
  const schema = z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    TRUST_PROXY: Bool.default(false),
    DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
    GATEWAY_DATABASE_URL: z.string().optional(),
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    NATS_CREDS: z.string().optional(),
    NATS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('insights'),
    RPC_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).default(5_000),
    PRINCIPAL_SECRET: z.string().min(16, 'PRINCIPAL_SECRET must be at least 16 characters'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  });
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment for gateway: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const v = parsed.data;
  return {
    port: v.PORT,
    host: v.HOST,
    publicUrl: v.PUBLIC_URL?.replace(/\/$/, ''),
    trustProxy: v.TRUST_PROXY,
    databaseUrl: v.GATEWAY_DATABASE_URL ?? v.DATABASE_URL,
    natsUrl: v.NATS_URL,
    natsCreds: v.NATS_CREDS,
    natsPrefix: v.NATS_PREFIX,
    rpcTimeoutMs: v.RPC_TIMEOUT_MS,
    authCacheTtlMs: v.AUTH_CACHE_TTL_MS,
    principalSecret: v.PRINCIPAL_SECRET,
    logLevel: v.LOG_LEVEL,
  };
}
export type GatewayEnv = ReturnType<typeof readGatewayEnv>;
