import { type Kysely, sql } from 'kysely';

/** The channel `writeOutboxEvent` notifies and the relay listens on. */
export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}

/** Called from a service's migration: the outbox its transactions write events into. */
export async function createOutboxTable(db: Kysely<any>, schema: string): Promise<void> {
  await db.schema
    .withSchema(schema)
    .createTable('outbox')
    .addColumn('seq', 'bigserial', (column) => column.primaryKey())
    .addColumn('id', 'uuid', (column) => column.notNull().unique())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('event', 'jsonb', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .execute();
  // The relay only ever looks for unpublished rows in seq order; published rows stay out of this index.
  await db.schema
    .withSchema(schema)
    .createIndex('outbox_unpublished_seq_idx')
    .on('outbox')
    .column('seq')
    .where(sql.ref('published_at'), 'is', null)
    .execute();
}

/** Called from a consuming service's migration: ids of the events it already handled. */
export async function createProcessedEventsTable(db: Kysely<any>, schema: string): Promise<void> {
  await db.schema
    .withSchema(schema)
    .createTable('processed_event')
    .addColumn('id', 'uuid', (column) => column.primaryKey())
    .addColumn('processed_at', 'timestamptz', (column) => column.defaultTo(sql`now()`))
    .execute();
}
