import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('tagging')
    .createTable('tag')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addUniqueConstraint('tag_project_name_unique', ['project_id', 'name'])
    .execute();
  await db.schema
    .withSchema('tagging')
    .createTable('tagged_item')
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('insight_id', 'integer', (c) => c.notNull())
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tagging.tag.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('tagged_item_pk', ['project_id', 'insight_id', 'tag_id'])
    .execute();
  await sql`CREATE INDEX tagged_item_tag_idx ON tagging.tagged_item (tag_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tagging').dropTable('tagged_item').execute();
  await db.schema.withSchema('tagging').dropTable('tag').execute();
}
