import { createEventTables } from '@insights/query-engine';
import { createParkedEventsTable, createProcessedEventsTable } from '@insights/transport';
import { type Kysely, sql } from 'kysely';

/**
 * Captured events and persons, in the tables the query engine reads; and the bookkeeping of the ingest consumer (the
 * messages it handled, the ones it parked).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createEventTables(db, 'insights');
  await createProcessedEventsTable(db, 'insights');
  await createParkedEventsTable(db, 'insights');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE insights.parked_event, insights.processed_event, insights.person_override,
    insights.person_distinct_id, insights.person, insights.event`.execute(db);
}
