import type { Selectable } from 'kysely';
import type { InsightTable } from '../db/database.js';

export type InsightRow = Selectable<InsightTable>;
