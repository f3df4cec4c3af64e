import { createProcessedEventsTable } from '@insights/transport';
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('activity')
    .createTable('activity_log')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('user_snapshot', 'jsonb')
    .addColumn('is_system', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('client', 'text')
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('item_position', 'bigint', (c) => c.notNull())
    .execute();
  // Pages are ranges of positions read backwards: unique, because each position is handed out once under the
  // counter's row lock.
  await sql`CREATE UNIQUE INDEX activity_log_scope_position_idx
    ON activity.activity_log (project_id, scope, position)`.execute(db);
  await sql`CREATE UNIQUE INDEX activity_log_item_position_idx
    ON activity.activity_log (project_id, scope, item_id, item_position)`.execute(db);

  await db.schema
    .withSchema('activity')
    .createTable('activity_count')
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_count_pk', ['project_id', 'scope', 'item_id'])
    .execute();

  await createProcessedEventsTable(db, 'activity');
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('activity').dropTable('processed_event').execute();
  await db.schema.withSchema('activity').dropTable('activity_count').execute();
  await db.schema.withSchema('activity').dropTable('activity_log').execute();
}
