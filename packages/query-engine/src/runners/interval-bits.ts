import { sql } from 'kysely';
import type { SqlCondition, SqlFragment } from '../sql/fragments.js';

/** The most intervals a `bigint` holds as bits (bit 63 is the sign, left alone). */
const BIGINT_BITS = 63;

/**
 * A person's intervals as the bits of one value (bit i = interval i + 1), so that retention reads a person's events
 * once and matches cohorts to returns with bit tests instead of joins. A `bigint` while the intervals fit (a shift
 * and an `or` per event), a bit string beyond that.
 */
export interface IntervalBits {
  /** The aggregate of the intervals of the rows `bucket` (1-based) is computed for. */
  collect(bucket: SqlFragment): SqlFragment;
  /** The aggregate of several collected values. */
  merge(bits: SqlFragment): SqlFragment;
  /** Whether interval `bucket` (1-based) is set in `bits`. */
  has(bits: SqlFragment, bucket: SqlFragment): SqlCondition;
}

export function intervalBits(intervals: number): IntervalBits {
  if (intervals <= BIGINT_BITS) {
    return {
      collect: (bucket) => sql`bit_or(1::int8 << (${bucket} - 1))`,
      merge: (bits) => sql`bit_or(${bits})`,
      has: (bits, bucket) => sql<boolean>`${bits} & (1::int8 << (${bucket} - 1)) <> 0`,
    };
  }
  const none = sql`${'0'.repeat(intervals)}::varbit`;
  return {
    collect: (bucket) => sql`bit_or(set_bit(${none}, ${bucket} - 1, 1))`,
    merge: (bits) => sql`bit_or(${bits})`,
    has: (bits, bucket) => sql<boolean>`get_bit(${bits}, ${bucket} - 1) = 1`,
  };
}
