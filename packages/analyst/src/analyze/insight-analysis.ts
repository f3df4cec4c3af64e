/** The built-in analyst's answer before it becomes text: one headline, a few quantified bullets, one takeaway. */
export interface InsightAnalysis {
  headline: string;
  bullets: string[];
  takeaway: string | null;
}

/**
 * Plain text, no markdown emphasis: the headline, each bullet on its own line after `- ` (the bullet form PostHog's
 * analysis prompt asks for), and the takeaway last.
 */
export function renderAnalysis(analysis: InsightAnalysis): string {
  const lines = [analysis.headline, ...analysis.bullets.map((bullet) => `- ${bullet}`)];
  if (analysis.takeaway) lines.push(`Takeaway: ${analysis.takeaway}`);
  return lines.join('\n');
}
