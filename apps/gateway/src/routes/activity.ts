import type { ServiceClients } from '@insights/clients';
import { ACTIVITY_DEFAULT_LIMIT, ACTIVITY_MAX_LIMIT, restContract } from '@insights/contracts';
import { initServer } from '@ts-rest/fastify';
import type { FastifyRequest } from 'fastify';
import { absoluteRequestUrl, type PublicUrlPolicy } from '../public-url.js';
import { pageNumberLinks } from '../render/page-links.js';
import { callContext } from '../request-state.js';

const INSIGHT_SCOPE = 'Insight';

/** The project-wide and per-insight activity logs. */
export function activityRoutes(clients: ServiceClients, urls: PublicUrlPolicy) {
  const s = initServer();
  const page = async (request: FastifyRequest, query: { limit?: number; page?: number }, itemId?: string) => {
    const limit = Math.min(query.limit ?? ACTIVITY_DEFAULT_LIMIT, ACTIVITY_MAX_LIMIT);
    const pageNumber = query.page ?? 1;
    const result = await clients.activity.list.query(
      { scope: INSIGHT_SCOPE, itemId, limit, page: pageNumber },
      callContext(request),
    );
    const url = absoluteRequestUrl(request, urls).toString();
    const links = pageNumberLinks(url, { page: pageNumber, limit, total: result.total_count });
    return { status: 200 as const, body: { results: result.results, ...links, total_count: result.total_count } };
  };
  return s.router(restContract.activity, {
    allActivity: async ({ query, request }) => page(request, query),
    insightActivity: async ({ params, query, request }) => {
      const { id } = await clients.insights.checkAccess.query({ id: params.id, level: 'viewer' }, callContext(request));
      return page(request, query, String(id));
    },
  });
}
