import { createParkedEventsTable } from '@insights/transport';
import { type Kysely, sql } from 'kysely';

/** Events the activity consumer gave up on after bounded attempts, kept until `admin events replay`. */
export async function up(db: Kysely<any>): Promise<void> {
  await createParkedEventsTable(db, 'activity');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE activity.parked_event`.execute(db);
}
