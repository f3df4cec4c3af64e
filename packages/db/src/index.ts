export { type CreateDbOptions, createDb, createPool } from './create-db.js';
export { isDatabaseUnavailable } from './errors.js';
export { intArrayLiteral } from './int-array.js';
export { fitsInt4, INT4_MAX, INT4_MIN } from './int4.js';
export { type MigrationList, migrateToLatest } from './migrate.js';
export {
  isRetryableTransactionError,
  type RetryTransactionOptions,
  transactionWithRetry,
} from './retry-transaction.js';
export { type StatisticsKeeper, startStatisticsKeeper } from './statistics-keeper.js';
