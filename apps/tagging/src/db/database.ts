import type { Generated } from 'kysely';

export interface TagTable {
  id: Generated<number>;
  project_id: number;
  name: string;
}

export interface TaggedItemTable {
  project_id: number;
  insight_id: number;
  tag_id: number;
}

export interface TaggingDatabase {
  'tagging.tag': TagTable;
  'tagging.tagged_item': TaggedItemTable;
}

export const TAGGING_SCHEMA = 'tagging';
