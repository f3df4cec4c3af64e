import type { MigrationList } from '@insights/db';
import * as tags from './0001_tags.js';
import * as tagsFromEvents from './0002_tags_from_events.js';
import * as taggedItemWithoutForeignKey from './0003_tagged_item_without_foreign_key.js';

export const taggingMigrations: MigrationList = {
  '0001_tags': tags,
  '0002_tags_from_events': tagsFromEvents,
  '0003_tagged_item_without_foreign_key': taggedItemWithoutForeignKey,
};
