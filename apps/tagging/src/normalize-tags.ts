/** PostHog's `tagify`: trimmed, lowercased, blanks dropped, duplicates removed; returned sorted. */
export function normalizeTags(tags: readonly string[]): string[] {
  const unique = new Set<string>();
  for (const tag of tags) {
    const normalized = String(tag).trim().toLowerCase();
    if (normalized) unique.add(normalized);
  }
  return [...unique].sort();
}
