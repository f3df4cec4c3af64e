import { z } from 'zod';
import { RunnableInsightVizNode } from '../query/runnable-insight-query.js';

/** One follow-up insight, as PostHog's suggestions endpoint returns it. */
export const InsightSuggestion = z.strictObject({
  title: z.string().min(1),
  description: z.string().nullable(),
  targetQuery: RunnableInsightVizNode,
});
export type InsightSuggestion = z.infer<typeof InsightSuggestion>;
