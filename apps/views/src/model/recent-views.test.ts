import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewsDatabase } from '../db/database.js';
import { daysAgo, freshProjectId, insightState, viewed } from '../testing/view-fixtures.js';
import { startViewsDatabase, testUser } from '../testing/views-system.js';
import { recentViews } from './recent-views.js';

let database: Awaited<ReturnType<typeof startViewsDatabase>>;
let db: Kysely<ViewsDatabase>;

beforeAll(async () => {
  database = await startViewsDatabase();
  db = database.db;
});

afterAll(async () => {
  await database?.stop();
});

const recentIds = async (projectId: number, userId: number, limit = 10) =>
  (await recentViews(db, projectId, userId, limit)).map((view) => view.insight_id);

describe('recentViews', () => {
  it("lists the user's views newest first, with the user's own view times, up to the limit", async () => {
    const project = freshProjectId();
    const [me, someone] = [testUser(), testUser()];
    await viewed(db, project, me, [1], daysAgo(3));
    await viewed(db, project, me, [2], daysAgo(1));
    await viewed(db, project, me, [3], daysAgo(2));
    await viewed(db, project, someone, [3, 4], daysAgo(0.1));

    const views = await recentViews(db, project, me.id, 10);

    expect(views.map((view) => view.insight_id)).toEqual([2, 3, 1]);
    expect(views[1]?.last_viewed_at.getTime()).toBeLessThan(daysAgo(1.5).getTime());
    expect(await recentIds(project, me.id, 2)).toEqual([2, 3]);
  });

  it('moves a viewed-again insight to the front', async () => {
    const project = freshProjectId();
    const me = testUser();
    await viewed(db, project, me, [1], daysAgo(2));
    await viewed(db, project, me, [2], daysAgo(1));
    await viewed(db, project, me, [1], daysAgo(0));

    expect(await recentIds(project, me.id)).toEqual([1, 2]);
  });

  it('leaves out insights the events said are deleted, but not restored ones', async () => {
    const project = freshProjectId();
    const me = testUser();
    await insightState(db, project, 1, { deleted: true });
    await insightState(db, project, 2, { deleted: false });
    await viewed(db, project, me, [1, 2, 3], daysAgo(1));

    expect(await recentIds(project, me.id)).toEqual([3, 2]);
  });

  it('keeps to the project asked for', async () => {
    const [project, other] = [freshProjectId(), freshProjectId()];
    const me = testUser();
    await viewed(db, project, me, [1], daysAgo(1));
    await viewed(db, other, me, [2], daysAgo(0));

    expect(await recentIds(project, me.id)).toEqual([1]);
    expect(await recentIds(other, me.id)).toEqual([2]);
  });
});
