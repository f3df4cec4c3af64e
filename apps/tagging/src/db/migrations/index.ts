import type { MigrationList } from '@insights/db';
import * as tags from './0001_tags.js';

export const taggingMigrations: MigrationList = { '0001_tags': tags };
