import { type Kysely, sql } from 'kysely';

/**
 * A read copy of each insight's tags. Tagging stays the store of record (it applies, normalises and cleans tags);
 * insights writes the copy in the same transaction as the event of the change, so every read of an insight is served
 * without a call to tagging. Measured with `pnpm bench gateway`: that call was the largest cost of a retrieve.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE insights.insight ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE insights.insight DROP COLUMN tags`.execute(db);
}
