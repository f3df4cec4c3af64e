import type { AccessLevel } from '@insights/scope-auth';
import type { Kysely } from 'kysely';
import type { InsightsDatabase } from '../db/database.js';

/** Operator action: a per-insight, per-user access level override. Fails when the insight does not exist. */
export async function setObjectAccess(
  db: Kysely<any>,
  input: { insightId: number; userId: number; level: AccessLevel },
): Promise<{ insight_id: number; user_id: number; level: AccessLevel }> {
  const insights = db as Kysely<InsightsDatabase>;
  const insight = await insights
    .selectFrom('insights.insight')
    .select(['id', 'project_id'])
    .where('id', '=', input.insightId)
    .executeTakeFirst();
  if (!insight) throw new Error(`insight ${input.insightId} does not exist`);
  await insights
    .insertInto('insights.object_access')
    .values({ project_id: insight.project_id, insight_id: insight.id, user_id: input.userId, level: input.level })
    .onConflict((oc) => oc.columns(['insight_id', 'user_id']).doUpdateSet({ level: input.level }))
    .execute();
  return { insight_id: insight.id, user_id: input.userId, level: input.level };
}
