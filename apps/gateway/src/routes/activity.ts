import type { ServiceClients } from '@insights/clients';
import { ACTIVITY_DEFAULT_LIMIT, ACTIVITY_MAX_LIMIT, restContract } from '@insights/contracts';
import { queryAsJsonText } from '@insights/transport';
import { initServer } from '@ts-rest/fastify';
import type { FastifyRequest } from 'fastify';
import { absoluteRequestUrl, type PublicUrlPolicy } from '../public-url.js';
import { jsonTextBody } from '../render/json-text-body.js';
import { callContext } from '../request-state.js';

const INSIGHT_SCOPE = 'Insight';

/** The project-wide and per-insight activity logs. */
export function activityRoutes(clients: ServiceClients, urls: PublicUrlPolicy) {
  const s = initServer();
  const page = async (request: FastifyRequest, query: { limit?: number; page?: number }, itemId?: string) => {
    const limit = Math.min(query.limit ?? ACTIVITY_DEFAULT_LIMIT, ACTIVITY_MAX_LIMIT);
    const pageNumber = query.page ?? 1;
    const pageUrl = absoluteRequestUrl(request, urls).toString();
    const body = await queryAsJsonText(
      clients.activity.list,
      { scope: INSIGHT_SCOPE, itemId, limit, page: pageNumber, pageUrl },
      callContext(request),
    );
    return { status: 200 as const, body: jsonTextBody(body) };
  };
  return s.router(restContract.activity, {
    allActivity: async ({ query, request }) => page(request, query),
    insightActivity: async ({ params, query, request }) => {
      const { id } = await clients.insights.checkAccess.query({ id: params.id, level: 'viewer' }, callContext(request));
      return page(request, query, String(id));
    },
  });
}
