import { type Kysely, sql } from 'kysely';

export interface ServiceHealth {
  service: string;
  database: boolean;
  /** Events this service parked (publishing or consuming) and not yet replayed; null when unknown. */
  parkedEvents: number | null;
}

/**
 * What a service's `health` procedure answers: its name, whether its database answers, and how many events it has
 * parked (`countParked`, when the service keeps any). A failing count is "unknown", not "unhealthy".
 */
export async function checkServiceHealth(
  service: string,
  db: Kysely<any>,
  countParked?: (db: Kysely<any>) => Promise<number>,
): Promise<ServiceHealth> {
  const database = await sql`SELECT 1`
    .execute(db)
    .then(() => true)
    .catch(() => false);
  const parkedEvents = database && countParked ? await countParked(db).catch(() => null) : database ? 0 : null;
  return { service, database, parkedEvents };
}
