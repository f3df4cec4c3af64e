import type { MigrationList } from '@insights/db';
import * as views from './0001_views.js';
import * as parkedEvents from './0002_parked_events.js';

export const viewsMigrations: MigrationList = {
  '0001_views': views,
  '0002_parked_events': parkedEvents,
};
