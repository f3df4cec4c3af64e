import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerProfile } from '../model/user-profile.js';
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

async function createInsight(projectId: number, name: string, by: ViewerProfile = creator): Promise<number> {
  const insight = await system.insights.create.mutate({ name }, system.as(by, projectId));
  return insight.id;
}

const view = (user: ViewerProfile, projectId: number, ...insightIds: number[]) =>
  system.views.recordViews.mutate({ insightIds }, system.as(user, projectId));

const lastViewed = (user: ViewerProfile, projectId: number) =>
  system.views.lastViewed.query(undefined, system.as(user, projectId));

const ids = (insights: { id: number }[]) => insights.map((insight) => insight.id);

describe('lastViewed', () => {
  it('answers an empty list to a user who viewed nothing', async () => {
    expect(await lastViewed(testUser(), freshProjectId())).toEqual([]);
  });

  it('shows an insight to its creator as viewed, from the creation event', async () => {
    const project = freshProjectId();
    const author = testUser('Author');
    const insight = await createInsight(project, 'mine', author);
    await system.eventsHandled();

    const [first, ...rest] = await lastViewed(author, project);
    expect(rest).toEqual([]);
    expect(first?.id).toBe(insight);
    expect(first?.last_viewed_at).toMatch(/Z$/);
  });

  it("gives the 5 most recently viewed, newest first, in the basic shape with this user's view time", async () => {
    const project = freshProjectId();
    const [me, someoneElse] = [testUser('Me'), testUser('Other')];
    const insights: number[] = [];
    for (let index = 0; index < 7; index++) insights.push(await createInsight(project, `insight ${index}`));
    for (const insight of insights) await view(me, project, insight);
    await view(someoneElse, project, insights[0]!);

    const listed = await lastViewed(me, project);

    expect(ids(listed)).toEqual(insights.slice(2).reverse());
    const myViews = await system.db
      .selectFrom('views.insight_viewed')
      .select(['insight_id', 'last_viewed_at'])
      .where('user_id', '=', me.id)
      .execute();
    const myTimes = new Map(myViews.map((row) => [row.insight_id, row.last_viewed_at.toISOString()]));
    for (const insight of listed) {
      expect(insight.last_viewed_at).toBe(myTimes.get(insight.id));
      expect(insight.user_access_level).toBeNull();
      expect(insight.search_match_type).toBeUndefined();
    }
    expect(listed[0]).toMatchObject({ name: 'insight 6', created_by: { id: creator.id, first_name: 'Creator' } });
  });

  it('moves an insight viewed again to the front without listing it twice', async () => {
    const project = freshProjectId();
    const me = testUser();
    const [first, second] = [await createInsight(project, 'first'), await createInsight(project, 'second')];
    await view(me, project, first);
    await view(me, project, second);
    await view(me, project, first);

    expect(ids(await lastViewed(me, project))).toEqual([first, second]);
  });

  it('drops deleted insights and shows them again once restored', async () => {
    const project = freshProjectId();
    const me = testUser();
    const kept = await createInsight(project, 'kept');
    const deleted = await createInsight(project, 'deleted');
    await view(me, project, kept, deleted);
    await system.insights.update.mutate({ id: String(deleted), body: { deleted: true } }, system.as(creator, project));
    await system.eventsHandled();

    expect(ids(await lastViewed(me, project))).toEqual([kept]);

    await system.insights.update.mutate({ id: String(deleted), body: { deleted: false } }, system.as(creator, project));
    await system.eventsHandled();
    expect((await lastViewed(me, project)).map((insight) => insight.id).sort()).toEqual([kept, deleted].sort());
  });

  it('shows only the views of the project asked for', async () => {
    const [project, other] = [freshProjectId(), freshProjectId()];
    const me = testUser();
    const here = await createInsight(project, 'here');
    const there = await createInsight(other, 'there');
    await view(me, project, here);
    await view(me, other, there);

    expect(ids(await lastViewed(me, project))).toEqual([here]);
    expect(ids(await lastViewed(me, other))).toEqual([there]);
  });
});
