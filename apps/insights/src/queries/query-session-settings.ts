/**
 * Settings of the query pool's sessions. PostgreSQL's JIT cannot be interrupted while it compiles, and the plans of
 * slow queries (the ones a user cancels) get its slowest settings, inlining and optimisation, in every parallel
 * worker: a cancel then waited hundreds of milliseconds for the compiler. Plain JIT stays (it helps the big
 * aggregations); inlining and optimisation go, so a cancel or a timeout ends the query within milliseconds.
 *
 * The pool writes nothing but computed results (results-db.ts), which can be computed again: their commits do not
 * wait for the disk, which would otherwise be a good part of a fast query's time.
 */
export const QUERY_SESSION_SETTINGS: Record<string, string> = {
  jit_inline_above_cost: '-1',
  jit_optimize_above_cost: '-1',
  synchronous_commit: 'off',
};
