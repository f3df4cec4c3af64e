import type { ServiceClients } from '@insights/clients';
import { restContract } from '@insights/contracts';
import { initServer } from '@ts-rest/fastify';
import { authorizedOf, callContext } from '../request-state.js';
import { projectSettingsOf } from './query.js';

/**
 * analyze, suggestions (GET and POST) and generate_metadata (spec reference §4, §5, §9). The insights service holds
 * the analyst; these calls may compute an insight's results, so they wait as long as a query may run.
 */
export function analystRoutes(queries: ServiceClients) {
  const s = initServer();
  const aiDataProcessingApproved = (request: Parameters<typeof authorizedOf>[0]) =>
    authorizedOf(request).aiDataProcessingApproved;
  return s.router(restContract.analyst, {
    analyze: async ({ params, request }) => {
      const analysis = await queries.insights.analyze.query(
        {
          id: params.id,
          settings: projectSettingsOf(request),
          aiDataProcessingApproved: aiDataProcessingApproved(request),
        },
        callContext(request),
      );
      return { status: 200, body: analysis };
    },
    suggestions: async ({ params, request }) => {
      const suggestions = await queries.insights.suggestions.query(
        {
          id: params.id,
          settings: projectSettingsOf(request),
          aiDataProcessingApproved: aiDataProcessingApproved(request),
        },
        callContext(request),
      );
      return { status: 200, body: suggestions };
    },
    suggestionsWithContext: async ({ params, body, request }) => {
      const suggestions = await queries.insights.suggestions.query(
        {
          id: params.id,
          settings: projectSettingsOf(request),
          aiDataProcessingApproved: aiDataProcessingApproved(request),
          context: typeof body.context === 'string' ? body.context : null,
        },
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
