import type { MigrationList } from '@insights/db';
import * as tags from './0001_tags.js';
import * as tagsFromEvents from './0002_tags_from_events.js';

export const taggingMigrations: MigrationList = {
  '0001_tags': tags,
  '0002_tags_from_events': tagsFromEvents,
};
