import { createParkedEventsTable } from '@insights/transport';
import { type Kysely, sql } from 'kysely';

/** Events the views consumer gave up on after bounded attempts, kept until `admin events replay`. */
export async function up(db: Kysely<any>): Promise<void> {
  await createParkedEventsTable(db, 'views');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE views.parked_event`.execute(db);
}
