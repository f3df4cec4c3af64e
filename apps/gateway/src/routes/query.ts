import type { ServiceClients } from '@insights/clients';
import { FRESH_CACHE_FIRST_MODES, queryRefreshMode, restContract, unstorableTextIssue } from '@insights/contracts';
import { mutateAsJsonText, queryAsJsonText } from '@insights/transport';
import { initServer } from '@ts-rest/fastify';
import { coalesceRequest } from '../coalescing/coalesce-request.js';
import type { RequestCoalescer } from '../coalescing/request-coalescer.js';
import { statusAnswerOf, unlessNull } from '../render/json-text-body.js';
import { notFound, validationError } from '../render/posthog-error.js';
import { authorizedOf, callContext } from '../request-state.js';

/**
 * `POST /query/` and `GET /query/:id/` (spec query-results §8), and `POST …/insights/cancel/` (spec reference §8).
 * `queries` are the service clients whose calls may last as long as a query may run.
 */
export function queryRoutes(queries: ServiceClients, coalescer: RequestCoalescer | null) {
  const s = initServer();
  return s.router(restContract.query, {
    run: async ({ body, request }) => {
      const refresh = queryRefreshMode(body.refresh, body.async);
      const settings = projectSettingsOf(request);
      // A fresh cached answer is served without coordinating anything; only a computation is worth coalescing. On a
      // miss the run below reads the cache once more, on purpose: another replica may have filled it in between.
      if (coalescer && FRESH_CACHE_FIRST_MODES.has(refresh)) {
        const fresh = unlessNull(
          await queryAsJsonText(
            queries.insights.freshCachedQuery,
            { query: body.query, settings },
            callContext(request),
          ),
        );
        if (fresh) return statusAnswerOf(fresh);
      }
      const run = async () => {
        const answer = await mutateAsJsonText(
          queries.insights.query,
          { query: body.query, clientQueryId: body.client_query_id ?? null, refresh, settings },
          callContext(request),
        );
        return statusAnswerOf(answer);
      };
      // The project check was made for every request; a query's answer depends on nothing else of who asks.
      return coalesceRequest(coalescer, request, run);
    },
    status: async ({ params, request }) => {
      // No query can have an id PostgreSQL cannot store.
      if (unstorableTextIssue(params.query_id)) throw notFound();
      const status = await queries.insights.queryStatus.query({ id: params.query_id }, callContext(request));
      if (status.error) {
        throw validationError('invalid', status.error_message ?? 'The query failed.', null);
      }
      return { status: status.complete ? 200 : 202, body: { query_status: status } };
    },
    cancelInsightQueries: async ({ body, request }) => {
      if (body.client_query_id === undefined || body.client_query_id === null) {
        throw validationError('invalid', 'Field is required.', 'client_query_id');
      }
      const id = typeof body.client_query_id === 'string' ? body.client_query_id : JSON.stringify(body.client_query_id);
      await queries.insights.cancelQueries.mutate({ clientQueryId: id.slice(0, 256) }, callContext(request));
      return { status: 201, body: undefined };
    },
  });
}

/** The project's query settings, which authorization read with the membership. */
export function projectSettingsOf(request: Parameters<typeof authorizedOf>[0]) {
  const project = authorizedOf(request).project;
  if (!project) throw new Error('a query route reached without its project');
  return project;
}
