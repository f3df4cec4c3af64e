import { sql } from 'kysely';
import { propertyNumber } from '../filters/property-values.js';
import type { MathType } from '../schema/series.js';
import { EVENT_PROPERTIES, PERSON_ID, PERSON_PROPERTIES } from '../sql/event-source.js';
import type { SqlFragment } from '../sql/fragments.js';

export type MathFamily = 'events' | 'per_actor' | 'active_window';

const QUANTILES: Partial<Record<MathType, number>> = {
  median: 0.5,
  p75: 0.75,
  p90: 0.9,
  p95: 0.95,
  p99: 0.99,
  median_count_per_actor: 0.5,
  p75_count_per_actor: 0.75,
  p90_count_per_actor: 0.9,
  p95_count_per_actor: 0.95,
  p99_count_per_actor: 0.99,
};

export function mathFamily(math: MathType): MathFamily {
  if (math === 'weekly_active' || math === 'monthly_active') return 'active_window';
  if (math.endsWith('_count_per_actor')) return 'per_actor';
  return 'events';
}

/** Whether a math reads the resolved person id. */
export function mathNeedsPersonId(math: MathType): boolean {
  return math === 'dau' || mathFamily(math) !== 'events';
}

/** A statistic over one numeric column: `avg`, `min`, … and the interpolated quantiles. */
function statistic(kind: string, column: SqlFragment): SqlFragment {
  const quantile = QUANTILES[kind as MathType];
  if (quantile !== undefined) return sql`percentile_cont(${sql.lit(quantile)}) WITHIN GROUP (ORDER BY ${column})`;
  switch (kind) {
    case 'sum':
      return sql`sum(${column})`;
    case 'avg':
    case 'avg_count_per_actor':
      return sql`avg(${column})`;
    case 'min':
    case 'min_count_per_actor':
      return sql`min(${column})`;
    case 'max':
    case 'max_count_per_actor':
      return sql`max(${column})`;
    default:
      throw new Error(`not a statistic: ${kind}`);
  }
}

export interface MathProperty {
  key: string;
  fromPerson: boolean;
  multiplier: number | null;
}

/** The per-bucket aggregate of an `events`-family math over the rows of the event source (`e`, `p`). */
export function eventsAggregate(math: MathType, property: MathProperty | null): SqlFragment {
  switch (math) {
    case 'total':
      return sql`count(*)`;
    case 'dau':
      return sql`count(DISTINCT ${PERSON_ID})`;
    case 'unique_session':
      return sql`count(DISTINCT nullif(e.properties ->> '$session_id', ''))`;
    default: {
      if (!property) throw new Error(`math ${math} needs a property`);
      const source = property.fromPerson ? PERSON_PROPERTIES : EVENT_PROPERTIES;
      const value = propertyNumber(source, property.key);
      const scaled = property.multiplier === null ? value : sql`(${value} * ${property.multiplier}::float8)`;
      return statistic(math, scaled);
    }
  }
}

/** The aggregate of a `per_actor` math over per-person event counts in column `event_count`. */
export function perActorAggregate(math: MathType): SqlFragment {
  return statistic(math, sql`event_count`);
}
