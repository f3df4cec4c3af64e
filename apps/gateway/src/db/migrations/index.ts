import type { MigrationList } from '@insights/db';
import * as auth from './0001_auth.js';

export const gatewayMigrations: MigrationList = { '0001_auth': auth };
