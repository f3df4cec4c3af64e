/** What rule-based follow-ups may use besides the query. */
export interface FollowUpContext {
  /** The source query's results (for the funnel's largest drop); null when none are cached. */
  results: unknown;
  /** Event properties of the first series' event, most frequent first; breakdown rules are skipped without them. */
  commonEventProperties?: readonly string[];
}
