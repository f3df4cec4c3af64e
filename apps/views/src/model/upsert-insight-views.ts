import { intArrayLiteral } from '@insights/db';
import { type Kysely, sql } from 'kysely';
import { upsertUserProfiles, type ViewerProfile } from './user-profile.js';

export interface InsightViews {
  projectId: number;
  viewer: ViewerProfile;
  insightIds: readonly number[];
  viewedAt: Date;
}

interface ViewRow {
  projectId: number;
  userId: number;
  insightId: number;
  viewedAt: Date;
}

/** A view time never moves backwards. */
const KEEP_NEWEST_VIEW = sql`
  ON CONFLICT (project_id, user_id, insight_id)
  DO UPDATE SET last_viewed_at = GREATEST(views.insight_viewed.last_viewed_at, EXCLUDED.last_viewed_at)`;

/** One row per (project, user, insight), with its latest time: a statement may not update a row twice. */
function viewRows(batch: readonly InsightViews[]): ViewRow[] {
  const rows = new Map<string, ViewRow>();
  for (const views of batch) {
    for (const insightId of views.insightIds) {
      const key = `${views.projectId}:${views.viewer.id}:${insightId}`;
      const known = rows.get(key);
      if (!known || known.viewedAt < views.viewedAt) {
        rows.set(key, { projectId: views.projectId, userId: views.viewer.id, insightId, viewedAt: views.viewedAt });
      }
    }
  }
  return [...rows.values()].sort(
    (a, b) => a.projectId - b.projectId || a.userId - b.userId || a.insightId - b.insightId,
  );
}

/** The latest profile given for each viewer, by id. */
function viewerProfiles(batch: readonly InsightViews[]): ViewerProfile[] {
  const profiles = new Map<number, ViewerProfile>();
  for (const views of batch) profiles.set(views.viewer.id, views.viewer);
  return [...profiles.values()].sort((a, b) => a.id - b.id);
}

/**
 * Records views of any number of users at once, and remembers the viewers' profiles, in ONE statement. A view time
 * never moves backwards: an older view (a creation event delivered late) leaves a newer one in place. An unchanged
 * profile is left alone, so repeated views write no dead tuples. Rows are locked in key order (profiles by id, then
 * views by project, user, insight), so concurrent statements cannot deadlock.
 */
export async function upsertInsightViewBatch(db: Kysely<any>, batch: readonly InsightViews[]): Promise<void> {
  if (batch.length === 1) return upsertOneViewer(db, batch[0]!);
  const rows = viewRows(batch);
  if (rows.length === 0) return;
  await sql`
    WITH viewer AS (${upsertUserProfiles(viewerProfiles(batch))})
    INSERT INTO views.insight_viewed (project_id, user_id, insight_id, last_viewed_at)
    SELECT r.project_id, r.user_id, r.insight_id, to_timestamp(r.epoch_ms / 1000.0)
    FROM unnest(${intArrayLiteral(rows.map((row) => row.projectId))}::int[],
                ${intArrayLiteral(rows.map((row) => row.userId))}::int[],
                ${intArrayLiteral(rows.map((row) => row.insightId))}::int[],
                -- Milliseconds since the epoch: a literal of numbers costs far less than one of timestamps.
                ${intArrayLiteral(rows.map((row) => row.viewedAt.getTime()))}::bigint[])
         AS r(project_id, user_id, insight_id, epoch_ms)
    ${KEEP_NEWEST_VIEW}`.execute(db);
}

/** One viewer at one time, the usual request (and the large ones): the same statement with one array of ids. */
async function upsertOneViewer(db: Kysely<any>, views: InsightViews): Promise<void> {
  const insightIds = [...new Set(views.insightIds)].sort((a, b) => a - b);
  if (insightIds.length === 0) return;
  await sql`
    WITH viewer AS (${upsertUserProfiles([views.viewer])})
    INSERT INTO views.insight_viewed (project_id, user_id, insight_id, last_viewed_at)
    SELECT ${views.projectId}, ${views.viewer.id}, viewed.insight_id, ${views.viewedAt}
    FROM unnest(${intArrayLiteral(insightIds)}::int[]) AS viewed(insight_id)
    ${KEEP_NEWEST_VIEW}`.execute(db);
}

/** Records that one viewer viewed these insights at one time (see `upsertInsightViewBatch`). */
export function upsertInsightViews(db: Kysely<any>, views: InsightViews): Promise<void> {
  return upsertInsightViewBatch(db, [views]);
}
