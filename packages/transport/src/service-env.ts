import { z } from 'zod';

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `7d`, `12h`, `30m`, `10s`, `500ms` → milliseconds. */
export function parseDurationMs(value: string): number {
  const match = DURATION.exec(value.trim());
  if (!match) throw new Error(`not a duration: ${value}`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

const Duration = z.string().refine((v) => DURATION.test(v.trim()), 'expected a duration like 7d, 12h, 30m');

/** The settings every service reads (DESIGN.md "Configuration"); `<SERVICE>_DATABASE_URL` overrides DATABASE_URL. */
export function parseServiceEnv(service: string, env: NodeJS.ProcessEnv) {
  const schema = z.object({
    DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
    SERVICE_DATABASE_URL: z.string().optional(),
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    NATS_CREDS: z.string().optional(),
    NATS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('insights'),
    RPC_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    PRINCIPAL_SECRET: z.string().min(16, 'PRINCIPAL_SECRET must be at least 16 characters'),
    EVENTS_MAX_AGE: Duration.default('7d'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    EVENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
    EVENT_RETRY_BASE_MS: z.coerce.number().int().min(1).default(500),
  });
  const parsed = schema.safeParse({ ...env, SERVICE_DATABASE_URL: env[`${service.toUpperCase()}_DATABASE_URL`] });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment for ${service}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const value = parsed.data;
  return {
    databaseUrl: value.SERVICE_DATABASE_URL ?? value.DATABASE_URL,
    natsUrl: value.NATS_URL,
    natsCreds: value.NATS_CREDS,
    natsPrefix: value.NATS_PREFIX,
    rpcTimeoutMs: value.RPC_TIMEOUT_MS,
    principalSecret: value.PRINCIPAL_SECRET,
    eventsMaxAgeMs: parseDurationMs(value.EVENTS_MAX_AGE),
    logLevel: value.LOG_LEVEL,
    /** Failed attempts after which an event is parked (by the relay or a consumer). */
    eventMaxAttempts: value.EVENT_MAX_ATTEMPTS,
    /** The first redelivery delay of a failed event, doubling with each attempt. */
    eventRetryBaseMs: value.EVENT_RETRY_BASE_MS,
  };
}
export type ServiceEnv = ReturnType<typeof parseServiceEnv>;
