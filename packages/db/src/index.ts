export { createDb, createPool, type CreateDbOptions } from './create-db.js';
export { migrateToLatest, type MigrationList } from './migrate.js';
export { isDatabaseUnavailable } from './errors.js';
