import { type Kysely, sql, type Transaction } from 'kysely';
import type { TaggingDatabase } from './db/database.js';

type Db = Kysely<TaggingDatabase> | Transaction<TaggingDatabase>;

/** Tags of many insights in one statement; insights without tags are absent from the map. */
export async function readTags(
  db: Db,
  projectId: number,
  insightIds: readonly number[],
): Promise<Map<number, string[]>> {
  const byInsight = new Map<number, string[]>();
  if (insightIds.length === 0) return byInsight;
  const rows = await db
    .selectFrom('tagging.tagged_item as ti')
    .innerJoin('tagging.tag as t', 't.id', 'ti.tag_id')
    .select(['ti.insight_id', 't.name'])
    .where('ti.project_id', '=', projectId)
    .where('ti.insight_id', '=', sql<number>`any(${sql.val([...insightIds])}::int[])`)
    .orderBy('t.name')
    .execute();
  for (const row of rows) {
    const list = byInsight.get(row.insight_id);
    if (list) list.push(row.name);
    else byInsight.set(row.insight_id, [row.name]);
  }
  return byInsight;
}

/**
 * Makes the tags of each given insight exactly the given sets, in a constant number of statements whatever the
 * number of insights and tags, then removes tags of the project that nothing uses any more.
 */
export async function replaceTags(
  trx: Transaction<TaggingDatabase>,
  projectId: number,
  wanted: Map<number, string[]>,
): Promise<void> {
  if (wanted.size === 0) return;
  const insightIds = [...wanted.keys()];
  const pairs = [...wanted.entries()].flatMap(([insightId, tags]) => tags.map((name) => ({ insightId, name })));
  const names = [...new Set(pairs.map((p) => p.name))];
  if (names.length > 0) {
    await sql`
      INSERT INTO tagging.tag (project_id, name)
      SELECT ${projectId}, name FROM unnest(${sql.val(names)}::text[]) AS name
      ON CONFLICT (project_id, name) DO NOTHING`.execute(trx);
  }
  await sql`
    DELETE FROM tagging.tagged_item ti
    WHERE ti.project_id = ${projectId}
      AND ti.insight_id = any(${sql.val(insightIds)}::int[])
      AND NOT EXISTS (
        SELECT 1 FROM unnest(${sql.val(pairs.map((p) => p.insightId))}::int[], ${sql.val(pairs.map((p) => p.name))}::text[]) AS w(insight_id, name)
        JOIN tagging.tag t ON t.project_id = ${projectId} AND t.name = w.name
        WHERE w.insight_id = ti.insight_id AND t.id = ti.tag_id)`.execute(trx);
  if (pairs.length > 0) {
    await sql`
      INSERT INTO tagging.tagged_item (project_id, insight_id, tag_id)
      SELECT ${projectId}, w.insight_id, t.id
      FROM unnest(${sql.val(pairs.map((p) => p.insightId))}::int[], ${sql.val(pairs.map((p) => p.name))}::text[]) AS w(insight_id, name)
      JOIN tagging.tag t ON t.project_id = ${projectId} AND t.name = w.name
      ON CONFLICT DO NOTHING`.execute(trx);
  }
  await sql`
    DELETE FROM tagging.tag t
    WHERE t.project_id = ${projectId}
      AND NOT EXISTS (SELECT 1 FROM tagging.tagged_item ti WHERE ti.tag_id = t.id)`.execute(trx);
}
