const DROPPED_KEYS = new Set(['persons_urls', 'persons', 'action']);

/** Results without the keys that only carry bulk or links (`persons_urls`, `persons`, `action`), at any depth. */
export function summarizeResults(results: unknown): unknown {
  if (Array.isArray(results)) return results.map(summarizeResults);
  if (results === null || typeof results !== 'object') return results;
  const summary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(results)) {
    if (!DROPPED_KEYS.has(key)) summary[key] = summarizeResults(value);
  }
  return summary;
}

/** Whether there are results at all, by Python's truthiness as PostHog tests them (`[]`, `{}` and null are none). */
export function hasResults(results: unknown): boolean {
  if (results === null || results === undefined || results === false || results === 0 || results === '') return false;
  if (Array.isArray(results)) return results.length > 0;
  return typeof results !== 'object' || Object.keys(results).length > 0;
}

/** The prompt's results text: the summarised results as JSON, or the literal `No results available`. */
export function resultsSummaryText(results: unknown): string {
  return hasResults(results) ? JSON.stringify(summarizeResults(results)) : 'No results available';
}
