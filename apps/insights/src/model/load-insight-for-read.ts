import type { UserBasic } from '@insights/contracts';
import { INT4_MAX, intArrayLiteral } from '@insights/db';
import type { AccessLevel, Principal } from '@insights/scope-auth';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { InsightsDatabase } from '../db/database.js';
import type { InsightRow } from './insight-row.js';
import { matchesNoStoredText } from './storable-values.js';

export interface InsightForRead {
  row: InsightRow;
  level: AccessLevel;
  users: Map<number, UserBasic>;
}

type ProfileJson = Omit<UserBasic, 'hedgehog_config' | 'role_at_organization'> | null;

/** The numeric id an id-or-short_id may name, if it is all digits and fits the column. */
export function numericInsightId(idOrShortId: string): number | null {
  return /^\d{1,10}$/.test(idOrShortId) && Number(idOrShortId) <= INT4_MAX ? Number(idOrShortId) : null;
}

type RowForRead = InsightRow & { override_level: AccessLevel | null; creator: ProfileJson; modifier: ProfileJson };

/** The reader's override of each insight and the two profiles the serializers show, joined to the rows in one go. */
const READER_COLUMNS = sql`i.*, a.level AS override_level, to_jsonb(cb) AS creator, to_jsonb(lm) AS modifier`;
const readerJoins = (principal: Principal) => sql`
    LEFT JOIN insights.object_access a ON a.insight_id = i.id AND a.user_id = ${principal.user.id}
    LEFT JOIN insights.user_profile cb ON cb.id = i.created_by
    LEFT JOIN insights.user_profile lm ON lm.id = i.last_modified_by`;

async function selectForRead(
  db: Kysely<InsightsDatabase>,
  principal: Principal,
  projectId: number,
  identifies: RawBuilder<unknown>,
): Promise<RowForRead | undefined> {
  const { rows } = await sql<RowForRead>`
    SELECT ${READER_COLUMNS}
    FROM insights.insight i ${readerJoins(principal)}
    WHERE ${identifies} AND i.project_id = ${projectId} AND NOT i.deleted`.execute(db);
  return rows[0];
}

/** A row as loaded for a reader: the insight, the reader's level on it, and the profiles of its creator and editor. */
function forRead(principal: Principal, found: RowForRead): InsightForRead {
  const { override_level, creator, modifier, ...row } = found;
  const users = new Map<number, UserBasic>();
  for (const profile of [creator, modifier]) {
    if (!profile) continue;
    // Built field by field: to_jsonb orders keys its own way, and clients see UserBasic's declared order.
    users.set(profile.id, {
      id: profile.id,
      uuid: profile.uuid,
      distinct_id: profile.distinct_id,
      first_name: profile.first_name,
      last_name: profile.last_name,
      email: profile.email,
      is_email_verified: profile.is_email_verified,
      hedgehog_config: null,
      role_at_organization: null,
    });
  }
  return { row: row as InsightRow, level: override_level ?? principal.projectLevel ?? 'none', users };
}

/**
 * The live insights of the principal's project among `ids` that it may view, in the order of `ids`, at most `limit`:
 * one statement, the reader's level and the profiles included.
 */
export async function loadInsightsForRead(
  db: Kysely<InsightsDatabase>,
  principal: Principal,
  ids: readonly number[],
  limit: number,
): Promise<InsightForRead[]> {
  const { rows } = await sql<RowForRead>`
    SELECT ${READER_COLUMNS}
    FROM unnest(${intArrayLiteral(ids)}::int[]) WITH ORDINALITY AS wanted(id, position)
    JOIN insights.insight i ON i.id = wanted.id ${readerJoins(principal)}
    WHERE i.project_id = ${principal.projectId ?? -1} AND NOT i.deleted
      AND coalesce(a.level, ${principal.projectLevel ?? 'none'}) <> 'none'
    ORDER BY wanted.position
    LIMIT ${limit}`.execute(db);
  return rows.map((row) => forRead(principal, row));
}

/**
 * A read of one live insight in one statement (two when digits name no insight but may be a short_id): the row
 * (PostHog's rule: digits are the primary key first, then a short_id), the principal's per-insight override and the
 * two user profiles the serializer needs.
 */
export async function loadInsightForRead(
  db: Kysely<InsightsDatabase>,
  principal: Principal,
  idOrShortId: string,
): Promise<InsightForRead | undefined> {
  const projectId = principal.projectId ?? -1;
  const numericId = numericInsightId(idOrShortId);
  const shortId = idOrShortId.length <= 12 && !matchesNoStoredText(idOrShortId) ? idOrShortId : null;
  if (numericId === null && shortId === null) return undefined;
  // By primary key first, then by short_id: each its own index lookup (an OR of the two is one plan for both, and a
  // worse one).
  const found =
    (numericId === null ? undefined : await selectForRead(db, principal, projectId, sql`i.id = ${numericId}`)) ??
    (shortId === null ? undefined : await selectForRead(db, principal, projectId, sql`i.short_id = ${shortId}`));
  return found ? forRead(principal, found) : undefined;
}
