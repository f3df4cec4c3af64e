import { sql, type Transaction } from 'kysely';
import type { TaggingDatabase } from './db/database.js';

/**
 * Every tag write of a project takes this lock first. Writes then never interleave, so the orphan-tag cleanup of one
 * cannot remove a tag that another is linking at the same moment. Tag writes are short; per-project order is cheap.
 */
export async function lockProjectTags(trx: Transaction<TaggingDatabase>, projectId: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${projectId}::int, 0)`.execute(trx);
}
