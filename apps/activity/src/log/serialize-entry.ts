import type { ActivityLogEntry } from '@insights/contracts';
import type { StoredActivityDetail } from '../db/database.js';
import type { ActivityRow } from './read-page.js';

const SYSTEM_USER = { first_name: 'System', email: null, is_system: true } as const;
/** PostHog's serializer for an entry whose user is gone but that was not a system entry. */
const DELETED_USER = { first_name: '', email: '' };

/**
 * An entry on the wire. `detail.trigger` is typed `null`, not the contract's `unknown`: tRPC's client types turn keys
 * of type `unknown` into optional ones, which the REST contract would then refuse.
 */
export type SerializedActivityEntry = Omit<ActivityLogEntry, 'detail'> & { detail: StoredActivityDetail };

/** An entry as PostHog's `ActivityLogSerializer` renders it (spec §14.4), plus the request's client. */
export function serializeActivityEntry(row: ActivityRow): SerializedActivityEntry {
  const user = row.is_system
    ? SYSTEM_USER
    : row.user_snapshot
      ? { first_name: row.user_snapshot.first_name, email: row.user_snapshot.email }
      : DELETED_USER;
  return {
    id: row.id,
    user,
    activity: row.activity,
    scope: row.scope,
    item_id: row.item_id,
    detail: row.detail,
    created_at: row.created_at,
    client: row.client,
  };
}
