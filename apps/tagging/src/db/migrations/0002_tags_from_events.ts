import { createParkedEventsTable, createProcessedEventsTable } from '@insights/transport';
import { type Kysely, sql } from 'kysely';

/**
 * Tagging becomes a read model of the insights' tags, fed by insight events: the version of each insight whose tags it
 * last applied (so an older event never overwrites a newer one), the ids of the events it handled, and the events it
 * had to park.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE tagging.insight_version (
      project_id integer NOT NULL,
      insight_id integer NOT NULL,
      version bigint NOT NULL,
      PRIMARY KEY (project_id, insight_id)
    )`.execute(db);
  await createProcessedEventsTable(db, 'tagging');
  await createParkedEventsTable(db, 'tagging');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE tagging.parked_event, tagging.processed_event, tagging.insight_version`.execute(db);
}
