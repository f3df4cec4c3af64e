import { parseServiceEnv } from '@insights/transport';
import { z } from 'zod';

const InsightsOnly = z.object({
  QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  QUERY_POOL_SIZE: z.coerce.number().int().min(1).default(4),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4.1-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
});

/** The insights service's settings: the ones every service reads, plus its query engine's and its analyst's. */
export function readInsightsEnv(env: NodeJS.ProcessEnv = process.env) {
  const shared = parseServiceEnv('insights', env);
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = InsightsOnly.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment for insights: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const v = parsed.data;
  return {
    ...shared,
    queryTimeoutMs: v.QUERY_TIMEOUT_MS,
    queryPoolSize: v.QUERY_POOL_SIZE,
    llm: v.OPENAI_API_KEY
      ? {
          apiKey: v.OPENAI_API_KEY,
          ...(v.OPENAI_BASE_URL ? { baseUrl: v.OPENAI_BASE_URL } : {}),
          model: v.OPENAI_MODEL,
          timeoutMs: v.OPENAI_TIMEOUT_MS,
        }
      : undefined,
  };
}
export type InsightsEnv = ReturnType<typeof readInsightsEnv>;
