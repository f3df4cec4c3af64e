/** English plural of a unit noun; enough for the nouns the analyst uses (users, days, events, sessions, groups…). */
export function pluralNoun(singular: string): string {
  if (/[^aeiou]y$/.test(singular)) return `${singular.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(singular)) return `${singular}es`;
  return `${singular}s`;
}

/**
 * The noun that goes with an already formatted number: singular only for exactly `1` (`1 user`, `0 users`,
 * `1.5 users`, `2 users`). Deciding on the formatted text keeps `0.99` → `1 user` consistent with what is shown.
 */
export function nounFor(formattedCount: string, singular: string, plural: string = pluralNoun(singular)): string {
  return formattedCount === '1' ? singular : plural;
}

/** `formattedCount` followed by the right form of the noun. */
export function countPhrase(formattedCount: string, singular: string, plural?: string): string {
  return `${formattedCount} ${nounFor(formattedCount, singular, plural)}`;
}
