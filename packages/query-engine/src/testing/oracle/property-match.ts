import type { OracleEvent } from './events.js';

type Filter = Record<string, unknown>;

/** A JSON property as PostgreSQL's `->>` spells it. */
export function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A property read as a number (JSON numbers and numeric strings). */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (
    typeof value === 'string' &&
    value.length <= 200 &&
    /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,2})?\s*$/.test(value)
  ) {
    return Number(value);
  }
  return null;
}

function asText(value: unknown): string {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

function matchOne(filter: Filter, event: OracleEvent): boolean {
  if (!('key' in filter)) return true;
  const source = filter.type === 'person' ? event.personProperties : event.properties;
  const raw = source[String(filter.key)];
  const text = textOf(raw);
  const operator = (filter.operator as string | undefined) ?? 'exact';
  if (operator === 'is_set') return text !== null;
  if (operator === 'is_not_set') return text === null;
  const value = filter.value;
  const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) return true;
  const each = (test: (v: unknown) => boolean, all: boolean) => (all ? values.every(test) : values.some(test));
  switch (operator) {
    case 'exact':
      return each((v) => text !== null && text === asText(v), false);
    case 'is_not':
      return each((v) => text === null || text !== asText(v), true);
    case 'icontains':
      return each((v) => Boolean(text?.toLowerCase().includes(asText(v).toLowerCase())), false);
    case 'not_icontains':
      return each((v) => text === null || !text.toLowerCase().includes(asText(v).toLowerCase()), true);
    case 'regex':
      return each((v) => text !== null && new RegExp(asText(v)).test(text), false);
    case 'not_regex':
      return each((v) => text === null || !new RegExp(asText(v)).test(text), true);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return each((v) => {
        const target = numberOf(v);
        let difference: number;
        if (target !== null) {
          const actual = numberOf(raw);
          if (actual === null) return false;
          difference = actual - target;
        } else {
          if (text === null) return false;
          const other = asText(v);
          difference = text < other ? -1 : text > other ? 1 : 0;
        }
        return operator === 'gt'
          ? difference > 0
          : operator === 'gte'
            ? difference >= 0
            : operator === 'lt'
              ? difference < 0
              : difference <= 0;
      }, false);
    default:
      throw new Error(`oracle: unsupported operator ${operator}`);
  }
}

/** A filter list (AND), a `PropertyGroupFilter` or a nested group. */
export function matchesFilters(filters: unknown, event: OracleEvent): boolean {
  if (!filters) return true;
  if (Array.isArray(filters)) return filters.every((filter) => matchesFilters(filter, event));
  const group = filters as { type?: string; values?: unknown[] };
  if (Array.isArray(group.values) && (group.type === 'AND' || group.type === 'OR')) {
    if (group.type === 'AND') return group.values.every((value) => matchesFilters(value, event));
    return group.values.length === 0 || group.values.some((value) => matchesFilters(value, event));
  }
  return matchOne(filters as Filter, event);
}
