import type { MigrationList } from '@insights/db';
import * as views from './0001_views.js';

export const viewsMigrations: MigrationList = { '0001_views': views };
