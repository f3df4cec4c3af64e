import { type Kysely, sql } from 'kysely';

/** `/_ready` checks: the bus is connected and the gateway's database answers. */
export function readinessProbe(db: Kysely<any>, natsConnected: () => boolean) {
  return async () => ({
    nats: natsConnected(),
    database: await sql`SELECT 1`
      .execute(db)
      .then(() => true)
      .catch(() => false),
  });
}
