/** Project settings the oracle needs (same meaning as the engine's `ProjectSettings`). */
export interface OracleProject {
  timezone: string;
  weekStartDay: 0 | 1;
  testAccountFilters: unknown[];
}
