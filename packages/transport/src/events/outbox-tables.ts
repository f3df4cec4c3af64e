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

/**
 * Called from a producing service's migration: lets the relay count failed attempts per event and park an event it
 * cannot publish (so it never blocks the ones behind it) until `admin events replay` hands it back.
 */
export async function addOutboxParking(db: Kysely<any>, schema: string): Promise<void> {
  await sql`ALTER TABLE ${sql.table(`${schema}.outbox`)}
    ADD COLUMN attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN last_error text,
    ADD COLUMN parked_at timestamptz`.execute(db);
  await sql`DROP INDEX ${sql.table(`${schema}.outbox_unpublished_seq_idx`)}`.execute(db);
  await sql`CREATE INDEX outbox_pending_seq_idx ON ${sql.table(`${schema}.outbox`)} (seq)
    WHERE published_at IS NULL AND parked_at IS NULL`.execute(db);
  await sql`CREATE INDEX outbox_parked_idx ON ${sql.table(`${schema}.outbox`)} (parked_at)
    WHERE parked_at IS NOT NULL`.execute(db);
}

/** Called from a consuming service's migration: events a consumer gave up on after bounded attempts. */
export async function createParkedEventsTable(db: Kysely<any>, schema: string): Promise<void> {
  await db.schema
    .withSchema(schema)
    .createTable('parked_event')
    .addColumn('consumer', 'text', (column) => column.notNull())
    .addColumn('id', 'uuid', (column) => column.notNull())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('event', 'jsonb', (column) => column.notNull())
    .addColumn('error', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('parked_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('replay_requested_at', 'timestamptz')
    .addPrimaryKeyConstraint('parked_event_pk', ['consumer', 'id'])
    .execute();
}

/** The channel `admin events replay` notifies so a consumer replays the parked events handed back to it. */
export function replayChannel(schema: string): string {
  return `${schema}_replay`;
}
