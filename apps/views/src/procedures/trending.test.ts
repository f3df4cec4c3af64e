import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userBasic, type ViewerProfile } from '../model/user-profile.js';
import { daysAgo, freshProjectId } from '../testing/view-fixtures.js';
import { startViewsSystem, testUser, type ViewsSystem } from '../testing/views-system.js';
import { windowStart } from './trending.js';

let system: ViewsSystem;

beforeAll(async () => {
  system = await startViewsSystem();
});

afterAll(async () => {
  await system?.stop();
});

const creator = testUser('Creator');

async function createInsight(projectId: number, name: string): Promise<number> {
  const insight = await system.insights.create.mutate({ name }, system.as(creator, projectId));
  return insight.id;
}

const view = (user: ViewerProfile, projectId: number, ...insightIds: number[]) =>
  system.views.recordViews.mutate({ insightIds }, system.as(user, projectId));

const trending = (
  user: ViewerProfile,
  projectId: number,
  page: { days?: number; limit?: number; offset?: number } = {},
) => system.views.trending.query({ days: 7, limit: 10, offset: 0, ...page }, system.as(user, projectId));

/** Moves a user's view of an insight back in time, as if it had happened `days` days ago. */
async function backdate(projectId: number, user: ViewerProfile, insightId: number, days: number) {
  await system.db
    .updateTable('views.insight_viewed')
    .set({ last_viewed_at: daysAgo(days) })
    .where('project_id', '=', projectId)
    .where('user_id', '=', user.id)
    .where('insight_id', '=', insightId)
    .execute();
}

/** A project whose insights were created and whose creation views happened long ago, outside any window used here. */
async function projectWithInsights(...names: string[]) {
  const project = freshProjectId();
  const ids: number[] = [];
  for (const name of names) ids.push(await createInsight(project, name));
  await system.eventsHandled();
  for (const id of ids) await backdate(project, creator, id, 400);
  return { project, ids };
}

describe('trending', () => {
  it('ranks insights by viewers in the window and merges the basic fields with view_count, viewers and last_modified_by', async () => {
    const { project, ids } = await projectWithInsights('once', 'thrice', 'twice');
    const [once, thrice, twice] = ids as [number, number, number];
    const [ann, bob, cat, dan] = [testUser('Ann'), testUser('Bob'), testUser('Cat'), testUser('Dan')];
    await view(ann, project, once, thrice, twice);
    await view(bob, project, thrice, twice);
    await view(cat, project, thrice);
    await view(dan, project, thrice);

    const { results } = await trending(ann, project);

    expect(results.map((insight) => [insight.id, insight.view_count])).toEqual([
      [thrice, 4],
      [twice, 2],
      [once, 1],
    ]);
    const top = results[0]!;
    expect(top).toMatchObject({ name: 'thrice', user_access_level: 'editor', last_modified_by: userBasic(creator) });
    expect(top.viewers).toEqual([userBasic(dan), userBasic(cat), userBasic(bob)]);
    const latest = await system.db
      .selectFrom('views.insight_viewed')
      .select('last_viewed_at')
      .where('insight_id', '=', thrice)
      .orderBy('last_viewed_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(top.last_viewed_at).toBe(latest.last_viewed_at.toISOString());
  });

  it('counts only the views of the last `days` days', async () => {
    const { project, ids } = await projectWithInsights('recent', 'older');
    const [recent, older] = ids as [number, number];
    const [ann, bob, cat] = [testUser(), testUser(), testUser()];
    await view(ann, project, recent);
    await view(bob, project, older);
    await view(cat, project, older);
    await backdate(project, bob, older, 10);
    await backdate(project, cat, older, 10);

    expect((await trending(ann, project, { days: 7 })).results.map((insight) => insight.id)).toEqual([recent]);
    const wide = await trending(ann, project, { days: 30 });
    expect(wide.results.map((insight) => [insight.id, insight.view_count])).toEqual([
      [older, 2],
      [recent, 1],
    ]);
  });

  it('leaves out deleted insights', async () => {
    const { project, ids } = await projectWithInsights('kept', 'deleted');
    const [kept, deleted] = ids as [number, number];
    const [ann, bob] = [testUser(), testUser()];
    await view(ann, project, kept, deleted);
    await view(bob, project, deleted);
    await system.insights.update.mutate({ id: String(deleted), body: { deleted: true } }, system.as(creator, project));
    await system.eventsHandled();

    expect((await trending(ann, project)).results.map((insight) => insight.id)).toEqual([kept]);
  });

  it('pages with limit and offset, and answers no results for limit 0', async () => {
    const { project, ids } = await projectWithInsights('a', 'b', 'c');
    const viewers = [testUser(), testUser(), testUser()];
    // Insight i has i + 1 viewers.
    for (const [index, id] of ids.entries()) {
      for (const viewer of viewers.slice(0, index + 1)) await view(viewer, project, id);
    }
    const me = viewers[0]!;
    const ranked = [...ids].reverse();

    expect((await trending(me, project, { limit: 2 })).results.map((insight) => insight.id)).toEqual(
      ranked.slice(0, 2),
    );
    expect((await trending(me, project, { limit: 2, offset: 2 })).results.map((insight) => insight.id)).toEqual(
      ranked.slice(2),
    );
    expect(await trending(me, project, { limit: 0 })).toEqual({ results: [] });
  });

  it('never shows the insights, views or viewers of another project', async () => {
    const { project, ids } = await projectWithInsights('ours');
    const other = await projectWithInsights('theirs');
    const [ann, eve] = [testUser('Ann'), testUser('Eve')];
    await view(ann, project, ids[0]!);
    await view(eve, other.project, other.ids[0]!);
    // Eve's attempt to view our insight through her project is dropped.
    await view(eve, other.project, ids[0]!);

    const { results } = await trending(ann, project);

    expect(results.map((insight) => insight.id)).toEqual(ids);
    expect(results[0]?.viewers).toEqual([userBasic(ann)]);
  });
});

describe('windowStart', () => {
  it('starts a window of 0 days now, and a huge one at the epoch', () => {
    const now = new Date('2024-05-10T00:00:00Z');
    expect(windowStart(0, now)).toEqual(now);
    expect(windowStart(7, now)).toEqual(new Date('2024-05-03T00:00:00Z'));
    expect(windowStart(999_999_999, now)).toEqual(new Date(0));
  });
});
