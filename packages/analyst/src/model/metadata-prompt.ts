import type { MetadataQuery } from '../metadata/metadata-query.js';
import { summarizeQueryForNaming } from '../metadata/summarize-query-for-naming.js';
import { namingGuidance } from './naming-guidance.js';
import type { ChatMessage } from './openai-chat.js';

export const METADATA_SYSTEM_PROMPT =
  'You name and describe product analytics insights. Answer with a JSON object with "name" and "description" keys and nothing else.';

/** The metadata request (§9 step 3): naming advice for the kind, the naming rules, and the compact query summary. */
export function metadataMessages(query: MetadataQuery): ChatMessage[] {
  const prompt = [
    'Give this product analytics insight a name and a description for a dashboard, so that a teammate understands at a glance what it tracks.',
    '',
    namingGuidance(query),
    '',
    'Rules for the name:',
    '- Title Case (e.g. "Pageviews, Pageleaves")',
    '- 3 to 12 words, as many as it takes to cover every series and breakdown',
    '- humanise event names: "$pageview" → "Pageviews", "user_signed_up" → "Signups"',
    '- add "by <dimension>" only when there is a breakdown; join several with "and" ("by Browser and OS")',
    '- leave out filler words such as count, total, events, data and trend, and leave out the math when it is the default total count',
    '',
    'Rules for the description:',
    '- one short, plain sentence saying what the insight measures, without jargon',
    '',
    'Query:',
    summarizeQueryForNaming(query),
    '',
    'Answer with only a JSON object: {"name": "...", "description": "..."}',
  ];
  return [
    { role: 'system', content: METADATA_SYSTEM_PROMPT },
    { role: 'user', content: prompt.join('\n') },
  ];
}
