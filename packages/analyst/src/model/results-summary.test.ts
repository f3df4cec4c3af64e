import { describe, expect, it } from 'vitest';
import { resultsSummaryText, summarizeResults } from './results-summary.js';

describe('results summary for prompts', () => {
  it('removes persons_urls, persons and action at any depth', () => {
    const results = [
      { data: [1], action: { id: '$pageview' }, persons_urls: ['/x'], nested: [{ persons: [1], keep: true }] },
    ];
    expect(summarizeResults(results)).toEqual([{ data: [1], nested: [{ keep: true }] }]);
  });

  it('writes the literal "No results available" when there are none', () => {
    expect(resultsSummaryText(null)).toBe('No results available');
    expect(resultsSummaryText([])).toBe('No results available');
    expect(resultsSummaryText({})).toBe('No results available');
    expect(resultsSummaryText([{ count: 1 }])).toBe('[{"count":1}]');
  });
});
