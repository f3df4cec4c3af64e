import { setObjectAccess } from '@insights/insights';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshProjectId } from '../testing/view-fixtures.js';
import { startViewsSystem, testUser, type ViewsSystem } from '../testing/views-system.js';

let system: ViewsSystem;

beforeAll(async () => {
  system = await startViewsSystem();
});

afterAll(async () => {
  await system?.stop();
});

const creator = testUser('Creator');

async function createInsight(projectId: number, name = 'An insight'): Promise<number> {
  const insight = await system.insights.create.mutate({ name }, system.as(creator, projectId));
  return insight.id;
}

async function viewedIds(projectId: number, userId: number): Promise<number[]> {
  const rows = await system.db
    .selectFrom('views.insight_viewed')
    .select('insight_id')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .orderBy('insight_id')
    .execute();
  return rows.map((row) => row.insight_id);
}

describe('recordViews', () => {
  it('records the views of visible insights and answers nothing', async () => {
    const project = freshProjectId();
    const viewer = testUser();
    const [first, second] = [await createInsight(project), await createInsight(project)];

    const answer = await system.views.recordViews.mutate({ insightIds: [first, second] }, system.as(viewer, project));

    expect(answer).toBeUndefined();
    expect(await viewedIds(project, viewer.id)).toEqual([first, second].sort((a, b) => a - b));
  });

  it('drops ids of other projects, deleted, unknown and not visible to the user, silently', async () => {
    const [project, other] = [freshProjectId(), freshProjectId()];
    const viewer = testUser();
    const visible = await createInsight(project);
    const deleted = await createInsight(project);
    const hidden = await createInsight(project);
    const elsewhere = await createInsight(other);
    await system.insights.update.mutate({ id: String(deleted), body: { deleted: true } }, system.as(creator, project));
    await setObjectAccess(system.insightsDb, { insightId: hidden, userId: viewer.id, level: 'none' });

    await system.views.recordViews.mutate(
      { insightIds: [visible, deleted, hidden, elsewhere, 987_654] },
      system.as(viewer, project),
    );

    expect(await viewedIds(project, viewer.id)).toEqual([visible]);
    expect(await viewedIds(other, viewer.id)).toEqual([]);
  });

  it('keeps one view per user and insight when the same insight is viewed again', async () => {
    const project = freshProjectId();
    const viewer = testUser();
    const insight = await createInsight(project);

    await system.views.recordViews.mutate({ insightIds: [insight, insight] }, system.as(viewer, project));
    const first = await system.db
      .selectFrom('views.insight_viewed')
      .select('last_viewed_at')
      .where('user_id', '=', viewer.id)
      .executeTakeFirstOrThrow();
    await system.views.recordViews.mutate({ insightIds: [insight] }, system.as(viewer, project));

    const rows = await system.db
      .selectFrom('views.insight_viewed')
      .select('last_viewed_at')
      .where('user_id', '=', viewer.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.last_viewed_at.getTime()).toBeGreaterThanOrEqual(first.last_viewed_at.getTime());
  });

  it('refuses a principal without insight:read', async () => {
    const project = freshProjectId();
    const viewer = testUser();
    const insight = await createInsight(project);

    await expect(
      system.views.recordViews.mutate(
        { insightIds: [insight] },
        system.as(viewer, project, { scopes: ['activity_log:read'] }),
      ),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    expect(await viewedIds(project, viewer.id)).toEqual([]);
  });
});
