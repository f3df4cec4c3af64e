/**
 * Settings of the query pool's sessions. PostgreSQL's JIT cannot be interrupted while it compiles, and the plans of
 * slow queries (the ones a user cancels) get its slowest settings, inlining and optimisation, in every parallel
 * worker: a cancel then waited hundreds of milliseconds for the compiler. Plain JIT stays (it helps the big
 * aggregations); inlining and optimisation go, so a cancel or a timeout ends the query within milliseconds.
 */
export const QUERY_SESSION_SETTINGS: Record<string, string> = {
  jit_inline_above_cost: '-1',
  jit_optimize_above_cost: '-1',
};
