export { type CreateDbOptions, createDb, createPool } from './create-db.js';
export { isDatabaseUnavailable } from './errors.js';
export { type MigrationList, migrateToLatest } from './migrate.js';
