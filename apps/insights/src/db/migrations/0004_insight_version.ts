import { addOutboxParking } from '@insights/transport';
import { type Kysely, sql } from 'kysely';

/**
 * Every change bumps the insight's version and its event carries it, so readers fed by events can tell a newer state
 * from an older one whatever order events reach them in. The insight's `tags` column becomes the store of record of
 * its tags (tagging follows from events). The outbox learns to park an event it cannot publish.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE insights.insight ADD COLUMN version bigint NOT NULL DEFAULT 1`.execute(db);
  await addOutboxParking(db, 'insights');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE insights.insight DROP COLUMN version`.execute(db);
}
