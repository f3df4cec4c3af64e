/**
 * The floors of viewed, my_last_viewed and activity as a bare fastify server answers them: the services' own statements
 * and rendering (their model functions, imported, so a floor cannot drift from what the services run), in one process,
 * on one pool, without NATS, tRPC, the principal's signing and checking, or a second hop. The bench's user is fixed
 * (passed in), so there is no authentication either. What the gateway adds on top of this is the architecture's price.
 */
import { readActivityPage, renderActivityPage } from '@insights/activity';
import { pageNumberLinks } from '@insights/contracts';
import { loadInsightsForRead, serializeInsightBasic } from '@insights/insights';
import type { Principal } from '@insights/scope-auth';
import { createViewWriter, LAST_VIEWED_COUNT, recentViews } from '@insights/views';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';

const INSIGHT_SCOPE = 'Insight';
const ACTIVITY_DEFAULT_LIMIT = 100;
const VIEWER_LEVELS = '{viewer,editor,manager}';

export function registerEndpointFloors(app: FastifyInstance, db: Kysely<any>, principal: Principal): void {
  const projectId = principal.projectId ?? -1;
  const viewWriter = createViewWriter(db);

  // views' `lastViewed`: its recent views, then insights' `basicByIds` (one statement each).
  app.get('/api/projects/:project_id/insights/my_last_viewed/', async (_request, reply) => {
    const views = await recentViews(db, projectId, principal.user.id, 2 * LAST_VIEWED_COUNT);
    const viewedAt = new Map(views.map((view) => [view.insight_id, view.last_viewed_at]));
    const found =
      views.length === 0
        ? []
        : await loadInsightsForRead(
            db,
            principal,
            views.map((view) => view.insight_id),
            LAST_VIEWED_COUNT,
          );
    const body = found.map(({ row, level, users }) => ({
      ...serializeInsightBasic(row, { tags: row.tags, users, level, lastViewedAt: null }),
      user_access_level: null,
      last_viewed_at: viewedAt.get(row.id)?.toISOString() ?? null,
    }));
    return reply.type('application/json').send(JSON.stringify(body));
  });

  // insights' `accessible` (the denied ids, one statement), then views' group-committed upsert.
  app.post<{ Body: { insight_ids: number[] } }>(
    '/api/projects/:project_id/insights/viewed/',
    async (request, reply) => {
      const requested = [...new Set(request.body.insight_ids)];
      const { rows } = await sql<{ id: number }>`
      SELECT requested.id FROM unnest(${requested}::int[]) AS requested(id)
      WHERE NOT EXISTS (
        SELECT 1 FROM insights.insight i
        LEFT JOIN insights.object_access a ON a.insight_id = i.id AND a.user_id = ${principal.user.id}
        WHERE i.id = requested.id AND i.project_id = ${projectId} AND NOT i.deleted
          AND coalesce(a.level, ${principal.projectLevel ?? 'none'}) = ANY(${VIEWER_LEVELS}::text[]))`.execute(db);
      const denied = new Set(rows.map((row) => row.id));
      await viewWriter.write({
        projectId,
        viewer: principal.user,
        insightIds: requested.filter((id) => !denied.has(id)),
        viewedAt: new Date(),
      });
      return reply.status(201).send();
    },
  );

  // activity's `list` (one statement) and the gateway's page links.
  app.get<{ Querystring: { limit?: string; page?: string } }>(
    '/api/projects/:project_id/insights/activity/',
    async (request, reply) => {
      const limit = Number(request.query.limit ?? ACTIVITY_DEFAULT_LIMIT);
      const page = Number(request.query.page ?? 1);
      const activityPage = await readActivityPage(db, { projectId, scope: INSIGHT_SCOPE, limit, page });
      const url = `http://${request.headers.host}${request.url}`;
      const body = renderActivityPage(activityPage, pageNumberLinks(url, { page, limit, total: activityPage.total }));
      return reply.type('application/json').send(body.text);
    },
  );
}
