import type { Analyst, AnalystOptions, WarnLogger } from './analyst.js';
import { analyzeInsight } from './analyze/analyze-insight.js';
import { builtInMetadata, type InsightMetadata } from './metadata/built-in-metadata.js';
import { readMetadataQuery } from './metadata/metadata-query.js';
import { analysisMessages } from './model/analysis-prompt.js';
import { metadataMessages } from './model/metadata-prompt.js';
import { type ChatModel, createChatModel } from './model/openai-chat.js';
import { readModelMetadata, readModelSuggestions } from './model/read-model-answers.js';
import { hasResults } from './model/results-summary.js';
import { suggestionsMessages } from './model/suggestions-prompt.js';
import { readAnalysableSource } from './query/stored-insight-query.js';
import { heuristicSuggestions, ruleBasedSuggestions } from './suggest/suggest-follow-ups.js';

const SILENT_LOG: WarnLogger = { warn() {} };

const UNREADABLE_QUERY_METADATA: InsightMetadata = {
  name: 'Untitled Insight Query',
  description: 'An insight whose query could not be read.',
};

/**
 * The analyst behind analyze, suggestions and generate_metadata. With `llm`, each answer is asked of the model first
 * and any failure (HTTP error, timeout, an answer that cannot be used) falls back to the built-in analyst, logged with
 * the request id; without it, the built-in analyst answers directly and nothing leaves the process.
 */
export function createAnalyst(options: AnalystOptions = {}): Analyst {
  const model: ChatModel | null = options.llm ? createChatModel(options.llm) : null;
  const log = options.log ?? SILENT_LOG;

  async function askModel<T>(
    feature: string,
    requestId: string,
    ask: (model: ChatModel) => Promise<T>,
  ): Promise<T | null> {
    if (!model) return null;
    try {
      return await ask(model);
    } catch (error) {
      log.warn(
        {
          requestId,
          feature,
          model: model.model,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        },
        'model call failed; the built-in analyst answers instead',
      );
      return null;
    }
  }

  return {
    usesModel: model !== null,

    async analyze(input) {
      const source = readAnalysableSource(input.query);
      if (!source) return '';
      const answer = await askModel('analysis', input.requestId, async (chat) => {
        const messages = analysisMessages({ ...input, kind: source.kind });
        const text = (await chat.complete(messages, `team/${input.teamId}/analysis`)).trim();
        if (text === '') throw new TypeError('The model answered an empty analysis.');
        return text;
      });
      return answer ?? analyzeInsight(source, input.results, input.timezone);
    },

    async suggest(input) {
      const source = readAnalysableSource(input.query);
      if (!source) return [];
      const heuristics = heuristicSuggestions(source);
      // Like PostHog, the model is asked only when there are results to reason about.
      const fromModel = hasResults(input.results)
        ? await askModel('suggestions', input.requestId, async (chat) => {
            const messages = suggestionsMessages(input);
            const suggestions = readModelSuggestions(await chat.complete(messages, `team/${input.teamId}/suggestions`));
            if (suggestions.length === 0) throw new TypeError('The model suggested nothing our engine can run.');
            return suggestions;
          })
        : null;
      return [...heuristics, ...(fromModel ?? builtInFollowUps())];

      function builtInFollowUps() {
        try {
          return ruleBasedSuggestions(source!, {
            results: input.results,
            commonEventProperties: input.commonEventProperties,
          });
        } catch (error) {
          // Suggestions must never fail the request; the heuristics alone are still a valid answer.
          log.warn({ requestId: input.requestId, error: String(error) }, 'built-in follow-ups failed');
          return [];
        }
      }
    },

    async generateMetadata(input) {
      const query = readMetadataQuery(input.query);
      if (!query) return UNREADABLE_QUERY_METADATA;
      const answer = await askModel('metadata', input.requestId, async (chat) =>
        readModelMetadata(
          await chat.complete(metadataMessages(query), `team/${input.teamId}/generate-insight-metadata`),
        ),
      );
      if (answer) return answer;
      try {
        return builtInMetadata(query);
      } catch (error) {
        // generate_metadata must never answer 500 (our decision, unlike PostHog): a generic name beats an error.
        log.warn({ requestId: input.requestId, error: String(error) }, 'built-in metadata failed');
        return UNREADABLE_QUERY_METADATA;
      }
    },
  };
}
