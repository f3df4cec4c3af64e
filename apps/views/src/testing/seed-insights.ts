import { type Kysely, sql } from 'kysely';

/**
 * `count` live insights of `projectId`, written straight into the insights service's table in one statement; their
 * ids, ascending. For tests that need thousands of insights: creating each through `create` takes the project's tag
 * lock and two commits, about half a minute for 2,500.
 */
export async function seedInsights(db: Kysely<any>, projectId: number, count: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO insights.insight (project_id, short_id, name)
    SELECT ${projectId}, 's' || lpad(to_hex(n), 7, '0'), 'Seeded insight ' || n
    FROM generate_series(1, ${count}::int) AS n
    RETURNING id`.execute(db);
  return rows.map((row) => row.id).sort((a, b) => a - b);
}
