import type { ServiceClients } from '@insights/clients';
import { restContract, TRENDING_DEFAULT_DAYS, TRENDING_DEFAULT_LIMIT, TRENDING_MAX_LIMIT } from '@insights/contracts';
import { queryAsJsonText } from '@insights/transport';
import { initServer } from '@ts-rest/fastify';
import { jsonTextBody } from '../render/json-text-body.js';
import { validationError } from '../render/posthog-error.js';
import { callContext } from '../request-state.js';

function integerParam(value: string | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  return /^-?\d{1,9}$/.test(value.trim()) ? Number(value) : null;
}

/** viewed, my_last_viewed and trending. */
export function viewsRoutes(clients: ServiceClients) {
  const s = initServer();
  return s.router(restContract.views, {
    viewed: async ({ body, request }) => {
      await clients.views.recordViews.mutate({ insightIds: body.insight_ids }, callContext(request));
      return { status: 201, body: undefined };
    },
    myLastViewed: async ({ request }) => {
      const insights = await queryAsJsonText(clients.views.lastViewed, undefined, callContext(request));
      return { status: 200, body: jsonTextBody(insights) };
    },
    trending: async ({ query, request }) => {
      const days = integerParam(query.days, TRENDING_DEFAULT_DAYS);
      const limit = integerParam(query.limit, TRENDING_DEFAULT_LIMIT);
      const offset = integerParam(query.offset, 0);
      if (days === null || limit === null || offset === null) {
        throw validationError('invalid', 'days and limit must be valid integers', null);
      }
      if (days < 0 || limit < 0 || offset < 0) {
        throw validationError('invalid', 'days, limit and offset must not be negative', null);
      }
      const page = await clients.views.trending.query(
        { days, limit: Math.min(limit, TRENDING_MAX_LIMIT), offset },
        callContext(request),
      );
      return {
        status: 200,
        body: { count: page.results.length, next: null, previous: null, results: page.results },
      };
    },
  });
}
