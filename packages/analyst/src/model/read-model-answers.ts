import type { InsightMetadata } from '../metadata/built-in-metadata.js';
import { truncateMetadata } from '../metadata/truncate-metadata.js';
import { withoutNulls } from '../query/without-nulls.js';
import type { InsightSuggestion } from '../suggest/insight-suggestion.js';
import { runnableSuggestions } from '../suggest/suggest-follow-ups.js';
import { parseModelJson } from './parse-model-json.js';

/**
 * The model's suggestions that our engine can run. Each item needs a title and a `query_json` that validates as our
 * InsightVizNode subset once `null` keys (which PostHog treats as absent) are removed; anything else is dropped, as
 * PostHog drops items that fail its validation. Throws when the answer holds no JSON array.
 */
export function readModelSuggestions(content: string): InsightSuggestion[] {
  const items = parseModelJson(content, 'array') as unknown[];
  return runnableSuggestions(
    items.map((item) => {
      if (!item || typeof item !== 'object') return null;
      const { title, description, query_json: queryJson } = item as Record<string, unknown>;
      return {
        title: typeof title === 'string' ? title.trim() : title,
        description: typeof description === 'string' ? description.trim() : null,
        targetQuery: withoutNulls(queryJson),
      };
    }),
  );
}

/**
 * The model's name and description (§9 step 4): the name stripped of whitespace and quotes, the description of
 * whitespace, both required to be non-empty, then truncated. Throws otherwise.
 */
export function readModelMetadata(content: string): InsightMetadata {
  const { name, description } = parseModelJson(content, 'object') as Record<string, unknown>;
  if (typeof name !== 'string' || typeof description !== 'string') {
    throw new TypeError('The model answer lacks a string name or description.');
  }
  const cleanName = name
    .trim()
    .replace(/^"+|"+$/g, '')
    .replace(/^'+|'+$/g, '');
  const cleanDescription = description.trim();
  if (cleanName === '' || cleanDescription === '')
    throw new TypeError('The model answered an empty name or description.');
  return truncateMetadata({ name: cleanName, description: cleanDescription });
}
