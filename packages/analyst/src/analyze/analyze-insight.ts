import type { AnalysableInsightSource } from '../query/stored-insight-query.js';
import { analyzeFunnel } from './funnels.js';
import { type InsightAnalysis, renderAnalysis } from './insight-analysis.js';
import { analyzeLifecycle } from './lifecycle.js';
import { analyzeRetention } from './retention.js';
import { analyzeStickiness } from './stickiness.js';
import { analyzeTrends } from './trends.js';

const KIND_NOUNS: Record<AnalysableInsightSource['kind'], string> = {
  TrendsQuery: 'trends',
  FunnelsQuery: 'funnel',
  RetentionQuery: 'retention',
  StickinessQuery: 'stickiness',
  LifecycleQuery: 'lifecycle',
};

/** The built-in analyst's text for an insight's results (PostHog's analyze, answered without a model). */
export function analyzeInsight(source: AnalysableInsightSource, results: unknown, timezone: string): string {
  if (results === null || results === undefined) {
    return renderAnalysis({
      headline: `No results are available for this ${KIND_NOUNS[source.kind]} insight yet.`,
      bullets: [],
      takeaway: 'Refresh the insight to calculate its results, then ask for the analysis again.',
    });
  }
  let analysis: InsightAnalysis | null;
  try {
    analysis = analyzeByKind(source, results, timezone);
  } catch {
    // Results are data from elsewhere; a shape no reader foresaw must still get an answer, not an error.
    analysis = null;
  }
  return renderAnalysis(
    analysis ?? {
      headline: `This ${KIND_NOUNS[source.kind]} insight has results, but not in a shape the built-in analyst can summarise.`,
      bullets: [],
      takeaway: null,
    },
  );
}

function analyzeByKind(source: AnalysableInsightSource, results: unknown, timezone: string): InsightAnalysis | null {
  switch (source.kind) {
    case 'TrendsQuery':
      return analyzeTrends(source, results);
    case 'FunnelsQuery':
      return analyzeFunnel(source, results);
    case 'RetentionQuery':
      return analyzeRetention(source, results, timezone);
    case 'StickinessQuery':
      return analyzeStickiness(source, results);
    case 'LifecycleQuery':
      return analyzeLifecycle(source, results);
  }
}
