import { noAccessDetail, type Principal } from '@insights/scope-auth';
import { notFoundError, permissionDeniedError } from '@insights/transport';
import type { Kysely } from 'kysely';
import type { InsightsDatabase } from '../db/database.js';
import { canAccess } from './access-levels.js';
import { type InsightForRead, loadInsightForRead } from './load-insight-for-read.js';

/** A live insight the principal may view: 404 when unknown or deleted, 403 without viewer access. */
export async function readableInsight(
  db: Kysely<InsightsDatabase>,
  principal: Principal,
  idOrShortId: string,
): Promise<InsightForRead> {
  const found = await loadInsightForRead(db, principal, idOrShortId);
  if (!found) throw notFoundError();
  if (!canAccess(found.level, 'viewer')) throw permissionDeniedError(noAccessDetail('viewer'));
  return found;
}
