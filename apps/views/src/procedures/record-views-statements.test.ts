import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerProfile } from '../model/user-profile.js';
import { seedInsights } from '../testing/seed-insights.js';
import {
  type ServiceStatements,
  type StatementCountingSystem,
  startStatementCountingSystem,
} from '../testing/statement-counting-system.js';
import { freshProjectId } from '../testing/view-fixtures.js';
import { testUser } from '../testing/views-system.js';

/**
 * Set-based SQL (issue 3): `viewed` writes all the kept ids in one upsert statement, after one call to insights whose
 * statements do not grow with the number of ids either. Every service runs on a Kysely that records what it sends.
 */

let system: StatementCountingSystem;

beforeAll(async () => {
  system = await startStatementCountingSystem();
});

afterAll(async () => {
  await system?.stop();
});

interface ViewsRun {
  projectId: number;
  viewer: ViewerProfile;
  insightIds: number[];
  sent: ServiceStatements;
}

/** A new viewer views `count` live insights of a new project in one request. */
async function viewInsights(count: number): Promise<ViewsRun> {
  const projectId = freshProjectId();
  const viewer = testUser();
  const insightIds = await seedInsights(system.db, projectId, count);
  const { sent } = await system.recording(() =>
    system.views.recordViews.mutate({ insightIds }, system.as(viewer, projectId)),
  );
  return { projectId, viewer, insightIds, sent };
}

const upsertsOfViews = (statements: string[]) =>
  statements.filter((statement) => /insert\s+into\s+"?views"?\."?insight_viewed"?/i.test(statement));

describe('recordViews with 3 ids and with 2,500 ids', () => {
  let few: ViewsRun;
  let many: ViewsRun;

  beforeAll(async () => {
    few = await viewInsights(3);
    many = await viewInsights(2_500);
  });

  it('sends views a constant number of statements: the upsert alone, or in the transaction a large request overlaps', () => {
    expect(few.sent.views).toHaveLength(1);
    expect(many.sent.views.map((statement) => statement.trim().split(/\s+/)[0]?.toLowerCase())).toEqual([
      'begin',
      'with',
      'commit',
    ]);
  });

  it('writes all the views of a request with exactly one INSERT into views.insight_viewed', () => {
    expect(upsertsOfViews(few.sent.views)).toHaveLength(1);
    expect(upsertsOfViews(many.sent.views)).toHaveLength(1);
  });

  it('costs insights the same number of statements for both: one accessible call, whatever the number of ids', () => {
    expect(many.sent.insights).toHaveLength(few.sent.insights.length);
  });

  it('records a view of every id it was given', async () => {
    for (const run of [few, many]) {
      const rows = await system.db
        .selectFrom('views.insight_viewed')
        .select('insight_id')
        .where('project_id', '=', run.projectId)
        .where('user_id', '=', run.viewer.id)
        .orderBy('insight_id')
        .execute();
      expect(rows.map((row) => row.insight_id)).toEqual(run.insightIds);
    }
  });
});
