import { withoutNulls } from '../query/without-nulls.js';
import type { ChatMessage } from './openai-chat.js';
import { resultsSummaryText } from './results-summary.js';

export const SUGGESTIONS_SYSTEM_PROMPT =
  'You suggest follow-up PostHog insights as JSON. You answer with a valid JSON array and nothing else.';

export interface SuggestionsPromptInput {
  query: unknown;
  results: unknown;
  context?: string | null;
}

/** The suggestions request (§5): three follow-ups as `{title, description, query_json}`, limited to what our engine runs. */
export function suggestionsMessages(input: SuggestionsPromptInput): ChatMessage[] {
  const prompt = [
    'Given this insight and its results, suggest 3 follow-up insights that help explain why the results look the way they do, or that explore related metrics.',
    '',
    'Rules for query_json:',
    '- It must be a valid InsightVizNode: {"kind": "InsightVizNode", "source": {...}} whose source is a TrendsQuery, FunnelsQuery, RetentionQuery, StickinessQuery or LifecycleQuery.',
    '- Series are EventsNode objects such as {"kind": "EventsNode", "event": "$pageview", "math": "dau"}. Do not use ActionsNode, HogQL, groups or null values.',
    '- Put a breakdown in breakdownFilter (e.g. {"breakdown": "$browser", "breakdown_type": "event"}) and the display in trendsFilter (e.g. {"display": "ActionsBar"}); a TrendsQuery has no top-level breakdown or display field, and needs no other trendsFilter keys.',
    '- StickinessQuery and LifecycleQuery take a series list like TrendsQuery, not a single event field.',
    '- Use only event and property names that appear in the current query; do not invent properties.',
    '- Prefer simple transformations of the current query: another insight kind, another interval, or a breakdown by a common property such as $browser, $os or $geoip_country_code only when it is clearly relevant.',
    '',
    'Answer with a JSON array of objects with these keys:',
    '- title: a short, descriptive title',
    '- description: one sentence on why the suggestion is worth a look',
    '- query_json: the InsightVizNode',
    '',
    `Current Query: ${JSON.stringify(withoutNulls(input.query))}`,
    '',
    `Results Summary: ${resultsSummaryText(input.results)}`,
  ];
  if (input.context) {
    prompt.push(
      '',
      'Previous Analysis Context:',
      input.context,
      '',
      'Use this context to make the suggestions more relevant.',
    );
  }
  return [
    { role: 'system', content: SUGGESTIONS_SYSTEM_PROMPT },
    { role: 'user', content: prompt.join('\n') },
  ];
}
