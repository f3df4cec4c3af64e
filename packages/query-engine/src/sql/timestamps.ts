import { sql } from 'kysely';
import type { EpochMicros } from '../dates/zoned-time.js';
import type { SqlFragment } from './fragments.js';

/** `2025-01-15T23:59:59.999999Z`: an instant PostgreSQL reads back without losing microseconds. */
export function isoUtc(instant: EpochMicros): string {
  const micros = ((instant % 1_000_000) + 1_000_000) % 1_000_000;
  const seconds = new Date((instant - micros) / 1000).toISOString().slice(0, 19);
  return `${seconds}.${String(micros).padStart(6, '0')}Z`;
}

export function timestampParam(instant: EpochMicros): SqlFragment {
  return sql`${isoUtc(instant)}::timestamptz`;
}

export function timestampArrayParam(instants: readonly EpochMicros[]): SqlFragment {
  return sql`${instants.map(isoUtc)}::timestamptz[]`;
}
