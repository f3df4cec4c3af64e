import type { MigrationList } from '@insights/db';
import * as auth from './0001_auth.js';
import * as projectQuerySettings from './0002_project_query_settings.js';

export const gatewayMigrations: MigrationList = {
  '0001_auth': auth,
  '0002_project_query_settings': projectQuerySettings,
};
