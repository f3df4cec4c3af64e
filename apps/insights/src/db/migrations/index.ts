import type { MigrationList } from '@insights/db';
import * as insights from './0001_insights.js';

export const insightsMigrations: MigrationList = { '0001_insights': insights };
