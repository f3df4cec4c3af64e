import type { MigrationList } from '@insights/db';

export const viewsMigrations: MigrationList = {};
