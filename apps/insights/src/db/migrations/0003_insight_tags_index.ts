import { type Kysely, sql } from 'kysely';

/** The list's `tags` filter (any of the given tags) reads the tags copy through this index. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX insight_tags_idx ON insights.insight USING gin (tags) WHERE NOT deleted`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX insights.insight_tags_idx`.execute(db);
}
