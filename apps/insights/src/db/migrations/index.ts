import type { MigrationList } from '@insights/db';
import * as insights from './0001_insights.js';
import * as tagsCopy from './0002_insight_tags_copy.js';
import * as tagsIndex from './0003_insight_tags_index.js';
import * as insightVersion from './0004_insight_version.js';
import * as eventsAndPersons from './0005_events_and_persons.js';
import * as queryResults from './0006_query_results.js';
import * as dropRunningQuery from './0007_drop_running_query.js';

export const insightsMigrations: MigrationList = {
  '0001_insights': insights,
  '0002_insight_tags_copy': tagsCopy,
  '0003_insight_tags_index': tagsIndex,
  '0004_insight_version': insightVersion,
  '0005_events_and_persons': eventsAndPersons,
  '0006_query_results': queryResults,
  '0007_drop_running_query': dropRunningQuery,
};
