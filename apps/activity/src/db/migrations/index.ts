import type { MigrationList } from '@insights/db';
import * as activityLog from './0001_activity_log.js';

export const activityMigrations: MigrationList = { '0001_activity_log': activityLog };
