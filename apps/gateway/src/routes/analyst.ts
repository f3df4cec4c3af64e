import type { ServiceClients } from '@insights/clients';
import { restContract } from '@insights/contracts';
import { initServer } from '@ts-rest/fastify';
import { coalesceRequest } from '../coalescing/coalesce-request.js';
import type { RequestCoalescer } from '../coalescing/request-coalescer.js';
import { authorizedOf, callContext } from '../request-state.js';
import { projectSettingsOf } from './query.js';

/**
 * analyze, suggestions (GET and POST) and generate_metadata (spec reference §4, §5, §9). The insights service holds
 * the analyst; these calls may compute an insight's results, so they wait as long as a query may run.
 */
export function analystRoutes(queries: ServiceClients, clients: ServiceClients, coalescer: RequestCoalescer | null) {
  const s = initServer();
  const aiDataProcessingApproved = (request: Parameters<typeof authorizedOf>[0]) =>
    authorizedOf(request).aiDataProcessingApproved;
  const analysisInput = (id: string, request: Parameters<typeof authorizedOf>[0]) => ({
    id,
    settings: projectSettingsOf(request),
    aiDataProcessingApproved: aiDataProcessingApproved(request),
  });
  /** A follower shares the leader's answer only once its own object-level check passed. */
  const admitViewer =
    (id: string, request: Parameters<typeof callContext>[0]) =>
    async <T>(body: T): Promise<T> => {
      await clients.insights.checkAccess.query({ id, level: 'viewer' }, callContext(request));
      return body;
    };
  return s.router(restContract.analyst, {
    analyze: async ({ params, request }) => {
      const analyze = async () => ({
        status: 200 as const,
        body: await queries.insights.analyze.query(analysisInput(params.id, request), callContext(request)),
      });
      return coalesceRequest(coalescer, request, analyze, { admit: admitViewer(params.id, request) });
    },
    suggestions: async ({ params, request }) => {
      const suggest = async () => ({
        status: 200 as const,
        body: await queries.insights.suggestions.query(analysisInput(params.id, request), callContext(request)),
      });
      return coalesceRequest(coalescer, request, suggest, { admit: admitViewer(params.id, request) });
    },
    suggestionsWithContext: async ({ params, body, request }) => {
      const suggestions = await queries.insights.suggestions.query(
        { ...analysisInput(params.id, request), context: typeof body.context === 'string' ? body.context : null },
        callContext(request),
      );
      return { status: 200, body: suggestions };
    },
    generateMetadata: async ({ body, request }) => {
      const metadata = await queries.insights.generateMetadata.mutate(
        { body, aiDataProcessingApproved: aiDataProcessingApproved(request) },
        callContext(request),
      );
      return { status: 200, body: metadata };
    },
  });
}
