import type { AnalysableInsightSource } from '../query/stored-insight-query.js';
import type { FollowUpContext } from './follow-up-context.js';
import { funnelsFollowUps } from './funnels-follow-ups.js';
import { InsightSuggestion } from './insight-suggestion.js';
import { lifecycleFollowUps } from './lifecycle-follow-ups.js';
import { retentionFollowUps } from './retention-follow-ups.js';
import { retentionHeuristicSuggestions } from './retention-heuristics.js';
import { stickinessFollowUps } from './stickiness-follow-ups.js';
import { trendsFollowUps } from './trends-follow-ups.js';

/** At most this many rule-based follow-ups, as PostHog asks its model for three. */
const MAX_RULE_BASED = 3;

/**
 * Keeps only suggestions whose target query our engine can run. Copied filters come from the stored query, which may
 * use things outside our subset (cohorts, HogQL); such a suggestion is dropped rather than changed.
 */
export function runnableSuggestions(suggestions: readonly unknown[]): InsightSuggestion[] {
  return suggestions.flatMap((suggestion) => {
    const parsed = InsightSuggestion.safeParse(suggestion);
    return parsed.success ? [parsed.data] : [];
  });
}

/** PostHog's heuristic suggestions (retention only, spec §5); they always come first. */
export function heuristicSuggestions(source: AnalysableInsightSource): InsightSuggestion[] {
  return source.kind === 'RetentionQuery' ? runnableSuggestions(retentionHeuristicSuggestions(source)) : [];
}

/** The built-in follow-ups for each kind, the ones our engine cannot run dropped, at most three. */
export function ruleBasedSuggestions(source: AnalysableInsightSource, context: FollowUpContext): InsightSuggestion[] {
  return runnableSuggestions(followUpsByKind(source, context)).slice(0, MAX_RULE_BASED);
}

function followUpsByKind(source: AnalysableInsightSource, context: FollowUpContext): InsightSuggestion[] {
  switch (source.kind) {
    case 'TrendsQuery':
      return trendsFollowUps(source, context);
    case 'FunnelsQuery':
      return funnelsFollowUps(source, context);
    case 'RetentionQuery':
      return retentionFollowUps(source, context);
    case 'StickinessQuery':
      return stickinessFollowUps(source);
    case 'LifecycleQuery':
      return lifecycleFollowUps(source, context);
  }
}
