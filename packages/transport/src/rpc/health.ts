import { type Kysely, sql } from 'kysely';

/** What a service's `health` procedure answers: its name and whether its database answers. */
export async function checkServiceHealth(
  service: string,
  db: Kysely<any>,
): Promise<{ service: string; database: boolean }> {
  const database = await sql`SELECT 1`
    .execute(db)
    .then(() => true)
    .catch(() => false);
  return { service, database };
}
