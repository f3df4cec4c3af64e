/** Every service whose schema the admin CLI migrates or writes; each may live in its own PostgreSQL. */
export const SERVICE_NAMES = ['gateway', 'insights', 'tagging', 'views', 'activity'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface AdminEnv {
  databaseUrls: Record<ServiceName, string>;
}

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function serviceDatabaseVariable(service: ServiceName): string {
  return `${service.toUpperCase()}_DATABASE_URL`;
}

function postgresUrl(variable: string, value: string): string {
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    throw new Error(`invalid environment: ${variable} is not a URL`);
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new Error(`invalid environment: ${variable} must be a postgres:// URL`);
  }
  return value;
}

/** `DATABASE_URL` for every service, unless `<SERVICE>_DATABASE_URL` names the service's own database. */
export function readAdminEnv(env: NodeJS.ProcessEnv = process.env): AdminEnv {
  const shared = postgresUrl('DATABASE_URL', env.DATABASE_URL || DEFAULT_DATABASE_URL);
  const databaseUrls = Object.fromEntries(
    SERVICE_NAMES.map((service) => {
      const variable = serviceDatabaseVariable(service);
      const own = env[variable];
      return [service, own ? postgresUrl(variable, own) : shared];
    }),
  ) as Record<ServiceName, string>;
  return { databaseUrls };
}
