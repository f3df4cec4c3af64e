import { SERVICE_NAMES, type ServiceClients, type ServiceName } from '@insights/clients';
import { type Kysely, sql } from 'kysely';

export interface ServiceReadiness {
  /** The service answered a health call over the bus in time. */
  answering: boolean;
  /** Its database answers. */
  database: boolean;
  /** Events it parked and nobody replayed yet; null when unknown. */
  parkedEvents: number | null;
}

export interface Readiness {
  /** `ready`; `degraded`: serving, but events are parked (see `admin events replay`); `not_ready`: a part is down. */
  status: 'ready' | 'degraded' | 'not_ready';
  nats: boolean;
  database: boolean;
  services: Record<ServiceName, ServiceReadiness>;
  parkedEvents: number;
}

const HEALTH_CALL_TIMEOUT_MS = 1_500;
const CACHE_MS = 1_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('health call timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * `/_ready`: the bus is connected, the gateway's database answers, and every service answers a health call over the
 * bus (with its own database and parked-event count). Probes come often and from several places: one check runs at
 * a time and its answer is reused for about a second.
 */
export function readinessProbe(options: { db: Kysely<any>; natsConnected: () => boolean; clients: ServiceClients }) {
  let cached: { at: number; readiness: Promise<Readiness> } | undefined;

  const checkService = async (service: ServiceName): Promise<ServiceReadiness> => {
    try {
      const health = await withTimeout(options.clients[service].health.query(), HEALTH_CALL_TIMEOUT_MS);
      return { answering: true, database: health.database, parkedEvents: health.parkedEvents };
    } catch {
      return { answering: false, database: false, parkedEvents: null };
    }
  };

  const check = async (): Promise<Readiness> => {
    const nats = options.natsConnected();
    const [database, ...services] = await Promise.all([
      sql`SELECT 1`
        .execute(options.db)
        .then(() => true)
        .catch(() => false),
      ...SERVICE_NAMES.map((service) => (nats ? checkService(service) : Promise.resolve(unreachable()))),
    ]);
    const byService = Object.fromEntries(SERVICE_NAMES.map((name, index) => [name, services[index]!])) as Record<
      ServiceName,
      ServiceReadiness
    >;
    const parkedEvents = services.reduce((sum, service) => sum + (service.parkedEvents ?? 0), 0);
    const up = nats && database && services.every((service) => service.answering && service.database);
    const status = !up ? 'not_ready' : parkedEvents > 0 ? 'degraded' : 'ready';
    return { status, nats, database, services: byService, parkedEvents };
  };

  return (): Promise<Readiness> => {
    const now = Date.now();
    if (!cached || now - cached.at > CACHE_MS) cached = { at: now, readiness: check() };
    return cached.readiness;
  };
}

function unreachable(): ServiceReadiness {
  return { answering: false, database: false, parkedEvents: null };
}
