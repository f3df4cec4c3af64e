import type { MigrationList } from '@insights/db';
import * as activityLog from './0001_activity_log.js';
import * as parkedEvents from './0002_parked_events.js';

export const activityMigrations: MigrationList = {
  '0001_activity_log': activityLog,
  '0002_parked_events': parkedEvents,
};
