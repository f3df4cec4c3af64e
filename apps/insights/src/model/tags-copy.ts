import { sql, type Transaction } from 'kysely';
import type { InsightsDatabase } from '../db/database.js';

/** Writes the read copy of many insights' tags in one statement (each insight its own list). */
export async function writeTagsCopy(
  trx: Transaction<InsightsDatabase>,
  projectId: number,
  tagsByInsight: readonly { insightId: number; tags: readonly string[] }[],
): Promise<void> {
  if (tagsByInsight.length === 0) return;
  const rows = JSON.stringify(tagsByInsight.map(({ insightId, tags }) => ({ id: insightId, tags })));
  await sql`
    UPDATE insights.insight AS i
    SET tags = ARRAY(SELECT jsonb_array_elements_text(v.tags))
    FROM jsonb_to_recordset(${rows}::jsonb) AS v(id int, tags jsonb)
    WHERE i.project_id = ${projectId} AND i.id = v.id`.execute(trx);
}
