import { type Kysely, sql } from 'kysely';

/**
 * A tagged item's tag is no longer checked by a foreign key. Every tag write runs under the project's tag lock
 * (project-lock.ts), links only tags it read in the same transaction, and removes only tags nothing links, so the key
 * never caught anything (nor did its cascade ever delete anything); but its per-row check was close to half the time
 * of linking a bulk_update_tags' 10,000 tags, on the consumer's path behind every burst of insight events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE tagging.tagged_item DROP CONSTRAINT IF EXISTS tagged_item_tag_id_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE tagging.tagged_item ADD CONSTRAINT tagged_item_tag_id_fkey
      FOREIGN KEY (tag_id) REFERENCES tagging.tag (id) ON DELETE CASCADE`.execute(db);
}
