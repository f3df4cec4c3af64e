import { z } from 'zod';

/** Every service whose schema the admin CLI migrates or writes; each may live in its own PostgreSQL. */
export const SERVICE_NAMES = ['gateway', 'insights', 'tagging', 'views', 'activity'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface AdminEnv {
  databaseUrls: Record<ServiceName, string>;
}

const PostgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' });

const AdminEnvSchema = z.object({
  DATABASE_URL: PostgresUrl.default('postgres://postgres@127.0.0.1:5432/postgres'),
  ...Object.fromEntries(
    SERVICE_NAMES.map((service) => [`${service.toUpperCase()}_DATABASE_URL`, PostgresUrl.optional()]),
  ),
});

/** `DATABASE_URL` for every service, unless `<SERVICE>_DATABASE_URL` names the service's own database. */
export function readAdminEnv(env: NodeJS.ProcessEnv = process.env): AdminEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = AdminEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment: ${issue?.path.join('.')} ${issue?.message}`);
  }
  const values = parsed.data as Record<string, string | undefined>;
  const databaseUrls = Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, values[`${service.toUpperCase()}_DATABASE_URL`] ?? values.DATABASE_URL!]),
  ) as Record<ServiceName, string>;
  return { databaseUrls };
}
