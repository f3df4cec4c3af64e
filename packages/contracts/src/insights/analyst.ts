import { z } from 'zod';
import { refuseUnstorable } from '../storable-text.js';

/** `GET …/insights/:id/analyze/` (spec reference §4). */
export const InsightAnalysis = z.object({ result: z.string() }).meta({ id: 'InsightAnalysis' });

/** One follow-up of `…/insights/:id/suggestions/` (spec reference §5). */
export const InsightSuggestionItem = z
  .object({
    title: z.string(),
    description: z.string().nullable(),
    targetQuery: z.looseObject({ kind: z.literal('InsightVizNode') }),
  })
  .meta({ id: 'InsightSuggestion' });
export const InsightSuggestions = z.array(InsightSuggestionItem);

/** POST suggestions reads only `context` (free text); anything else in the body is ignored. */
export const SuggestionsRequest = z.looseObject({
  context: z.string().max(10_000).superRefine(refuseUnstorable).nullish(),
});

/** `POST …/insights/generate_metadata/`: `{query}`; its checks are spec §9's, made by the service. */
export const GenerateMetadataRequest = z.looseObject({ query: z.unknown().optional() });
export const InsightMetadata = z.object({ name: z.string(), description: z.string() }).meta({ id: 'InsightMetadata' });
export type InsightSuggestionItem = z.infer<typeof InsightSuggestionItem>;
