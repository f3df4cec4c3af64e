import { withoutNulls } from '../query/without-nulls.js';
import type { ChatMessage } from './openai-chat.js';
import { resultsSummaryText } from './results-summary.js';

/** What the model should look at for each kind (§4 step 6), in our words. */
const ANALYSIS_FOCUS: Record<string, string> = {
  TrendsQuery:
    'Describe significant changes in volume, growth and seasonality, compare the end of the range with its start, and name the breakdown value (if any) that drives the trend.',
  FunnelsQuery:
    'Describe the conversion between steps and name the step with the largest drop-off. If the funnel has only two steps, use no superlatives. Compare breakdown values if there are any.',
  RetentionQuery:
    'Describe the shape of the retention curve and when the drop-off levels off; compare cohorts or breakdown values.',
  StickinessQuery: 'Describe how often users engage and whether there is a core group of power users.',
  LifecycleQuery:
    'Describe the balance between new, returning, resurrecting and dormant users and say which group dominates the total.',
};
const OTHER_FOCUS = 'Describe the most significant patterns and anomalies in the data.';

export const ANALYSIS_SYSTEM_PROMPT =
  'You are a concise data analyst who explains PostHog product analytics insights with numbers and actionable points.';

export interface AnalysisPromptInput {
  query: unknown;
  kind: string;
  results: unknown;
  insightName?: string | null;
  insightDescription?: string | null;
}

export function analysisFocus(kind: string): string {
  return ANALYSIS_FOCUS[kind] ?? OTHER_FOCUS;
}

/** The analysis request: per-kind focus, optional name and description, output rules, query JSON, results summary. */
export function analysisMessages(input: AnalysisPromptInput): ChatMessage[] {
  const context = [
    input.insightName ? `Insight Name: ${input.insightName}` : null,
    input.insightDescription ? `Insight Description: ${input.insightDescription}` : null,
  ].filter((line): line is string => line !== null);
  const prompt = [
    'Analyse this product analytics insight: say what is happening and why it matters.',
    '',
    `Analysis focus: ${analysisFocus(input.kind)}`,
    ...context,
    '',
    'Write:',
    '1. A headline: one sentence with the most important finding.',
    '2. Two or three bullet lines starting with "- " that support it, each quantified with numbers from the results (percentages, multiples, absolute changes).',
    '3. One takeaway: a specific recommendation or a question to investigate next.',
    '',
    'Style: be direct and skip phrases such as "the chart shows"; focus on changes and differences; plain text only, no markdown (no bold, italics or headings), because the answer is shown as raw text.',
    '',
    `Query Configuration: ${JSON.stringify(withoutNulls(input.query))}`,
    '',
    `Results Summary: ${resultsSummaryText(input.results)}`,
  ];
  return [
    { role: 'system', content: ANALYSIS_SYSTEM_PROMPT },
    { role: 'user', content: prompt.join('\n') },
  ];
}
