export { type CreateDbOptions, createDb, createPool } from './create-db.js';
export { isDatabaseUnavailable } from './errors.js';
export { intArrayLiteral } from './int-array.js';
export { type MigrationList, migrateToLatest } from './migrate.js';
