/**
 * @insights/analyst: the built-in analyst behind PostHog's three AI insight endpoints, with an optional
 * OpenAI-compatible model.
 *
 * - `createAnalyst({ llm?, log? })` → `Analyst` with `analyze` (GET /insights/:id/analyze/), `suggest`
 *   (GET|POST /insights/:id/suggestions/) and `generateMetadata` (POST /insights/generate_metadata/). None of them
 *   throws: a model failure falls back to the built-in analyst, which answers from the query and its results alone.
 * - `isAnalysableInsightQuery(query)`: whether analyze/suggestions have anything to say (else `""` / `[]`).
 * - `metadataRequestProblem(body)`: generate_metadata's request checks (§9 steps 1–2) as a PostHog error body, or null.
 * - `RunnableInsightVizNode`: the zod schema every suggestion's `targetQuery` satisfies (our engine's subset).
 */
export type {
  Analyst,
  AnalystOptions,
  AnalyzeInput,
  GenerateMetadataInput,
  SuggestInput,
  WarnLogger,
} from './analyst.js';
export { createAnalyst } from './create-analyst.js';
export type { InsightMetadata } from './metadata/built-in-metadata.js';
export {
  INVALID_QUERY_PROBLEM,
  MISSING_QUERY_PROBLEM,
  metadataRequestProblem,
  type PostHogErrorBody,
} from './metadata/metadata-request-problem.js';
export {
  DEFAULT_LLM_BASE_URL,
  DEFAULT_LLM_MODEL,
  DEFAULT_LLM_TIMEOUT_MS,
  type LlmConfig,
} from './model/openai-chat.js';
export { RunnableInsightVizNode } from './query/runnable-insight-query.js';
export { isAnalysableInsightQuery } from './query/stored-insight-query.js';
export { InsightSuggestion } from './suggest/insight-suggestion.js';
