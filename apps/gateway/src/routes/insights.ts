import type { ServiceClients } from '@insights/clients';
import {
  describeQueryIssues,
  FRESH_CACHE_FIRST_MODES,
  insightRefreshMode,
  QueryNode,
  restContract,
  unstorableJsonIssue,
} from '@insights/contracts';
import { queryAsJsonText } from '@insights/transport';
import { initServer } from '@ts-rest/fastify';
import { coalesceRequest } from '../coalescing/coalesce-request.js';
import type { RequestCoalescer } from '../coalescing/request-coalescer.js';
import { absoluteRequestUrl, type PublicUrlPolicy } from '../public-url.js';
import { jsonTextBody, unlessNull } from '../render/json-text-body.js';
import { limitOffsetLinks } from '../render/limit-offset-links.js';
import { methodNotAllowed } from '../render/posthog-error.js';
import { callContext } from '../request-state.js';
import { projectSettingsOf } from './query.js';

const DEFAULT_LIMIT = 100;

/** The insight CRUD routes: the edge only translates REST to service calls. */
export function insightRoutes(
  clients: ServiceClients,
  queries: ServiceClients,
  urls: PublicUrlPolicy,
  coalescer: RequestCoalescer | null,
) {
  const s = initServer();
  return s.router(restContract.insights, {
    list: async ({ query, request }) => {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const offset = query.offset ?? 0;
      const refresh = insightRefreshMode(query.refresh);
      // A read that may compute waits as long as a query may run; a cached read fails as fast as any call.
      const listPage = () =>
        (refresh === 'force_cache' ? clients : queries).insights.list.query(
          {
            limit,
            offset,
            shortId: query.short_id,
            search: query.search,
            favorited: query.favorited,
            createdBy: query.created_by,
            basic: query.basic ?? false,
            saved: query.saved,
            tags: query.tags,
            refresh,
            settings: projectSettingsOf(request),
            clientQueryId: query.client_query_id ?? null,
          },
          callContext(request),
        );
      // Only reads that compute are coalesced (a cached read costs less than coordinating); a list shows what its
      // reader may see, so only the same user's identical reads share one.
      const page =
        refresh === 'force_cache'
          ? await listPage()
          : (
              await coalesceRequest(coalescer, request, async () => ({ status: 200, body: await listPage() }), {
                perUser: true,
              })
            ).body;
      const links = limitOffsetLinks(absoluteRequestUrl(request, urls), { limit, offset, count: page.count });
      return { status: 200, body: { count: page.count, ...links, results: page.results } };
    },
    create: async ({ body, request }) => {
      const insight = await clients.insights.create.mutate(body, callContext(request));
      return { status: 201, body: insight };
    },
    retrieve: async ({ params, query, request }) => {
      const refresh = insightRefreshMode(query.refresh);
      const input = {
        id: params.id,
        refresh,
        settings: projectSettingsOf(request),
        clientQueryId: query.client_query_id ?? null,
      };
      // The usual read: the service's answer is the body, passed on as the JSON text it came as.
      if (refresh === 'force_cache') {
        const insight = await queryAsJsonText(clients.insights.retrieve, input, callContext(request));
        return { status: 200, body: jsonTextBody(insight) };
      }
      // Fresh results are served without coordinating anything, as for POST /query/; only a computation is coalesced.
      if (coalescer && FRESH_CACHE_FIRST_MODES.has(refresh)) {
        const fresh = unlessNull(
          await queryAsJsonText(
            queries.insights.retrieveIfFresh,
            { id: input.id, settings: input.settings },
            callContext(request),
          ),
        );
        if (fresh) return { status: 200, body: jsonTextBody(fresh) };
      }
      const retrieve = async () => ({
        status: 200 as const,
        body: await queries.insights.retrieve.query(input, callContext(request)),
      });
      // A follower makes its own object-level check, and sees its own access level in the shared insight.
      const admit = async (insight: Awaited<ReturnType<typeof retrieve>>['body']) => {
        const access = await clients.insights.checkAccess.query(
          { id: params.id, level: 'viewer' },
          callContext(request),
        );
        return {
          ...insight,
          user_access_level: access.user_access_level,
          effective_privilege_level: access.effective_privilege_level,
        };
      };
      return await coalesceRequest(coalescer, request, retrieve, { admit });
    },
    update: async ({ params, body, request }) => {
      const insight = await clients.insights.update.mutate({ id: params.id, body: body }, callContext(request));
      return { status: 200, body: insight };
    },
    partialUpdate: async ({ params, body, request }) => {
      const insight = await clients.insights.update.mutate({ id: params.id, body: body }, callContext(request));
      return { status: 200, body: insight };
    },
    bulkUpdateTags: async ({ body, request }) => {
      const result = await clients.insights.bulkUpdateTags.mutate(body, callContext(request));
      return { status: 200, body: result };
    },
    destroy: async () => {
      throw methodNotAllowed('DELETE');
    },
  });
}

/** Spec §2.6: a truthy top-level `query` must be a valid query node, else 400 parse_error (before field validation). */
export function queryParseProblem(body: unknown, options: { anyKind?: boolean } = {}): string | null {
  if (body === undefined) return null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'JSON parse error - Expected an object.';
  const query = (body as Record<string, unknown>).query;
  if (!query) return null;
  // Text PostgreSQL cannot store is refused in any query, whichever kind (it could reach a statement's parameters).
  const unstorable = unstorableJsonIssue(query);
  if (unstorable) return `Invalid query: ${unstorable.message}`;
  // The query API validates the node itself, with the query engine (any kind it runs is accepted here).
  if (options.anyKind) return null;
  const parsed = QueryNode.safeParse(query);
  return parsed.success ? null : describeQueryIssues(parsed.error);
}
