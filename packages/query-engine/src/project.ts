/** The project ("team") settings that change query results. */
export interface ProjectSettings {
  /** IANA zone all bucketing happens in; PostHog's default is `UTC`. */
  timezone: string;
  /** 0 = weeks start on Sunday (default), 1 = Monday. */
  weekStartDay: 0 | 1;
  /** Property filters ANDed into every query with `filterTestAccounts: true`. */
  testAccountFilters: unknown[];
}
