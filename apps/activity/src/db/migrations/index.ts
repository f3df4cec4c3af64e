import type { MigrationList } from '@insights/db';

export const activityMigrations: MigrationList = {};
