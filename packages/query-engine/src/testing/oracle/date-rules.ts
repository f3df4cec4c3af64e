import {
  daysIn,
  fieldsOfWall,
  type Instant,
  instantAt,
  midnight,
  plusDays,
  plusMonths,
  US_PER_DAY,
  type Wall,
  wallAt,
  wallFromFields,
  weekday,
} from './wall-clock.js';

export type OracleInterval = 'minute' | 'hour' | 'day' | 'week' | 'month';

interface Relative {
  hours?: number;
  days?: number;
  weeks?: number;
  months?: number;
  years?: number;
  minutes?: number;
  seconds?: number;
  set: Partial<{ month: number; day: number; hour: number; minute: number; second: number; micro: number }>;
}

function absolute(text: string, zone: string): Wall | null {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
      text.trim(),
    );
  if (!m) return null;
  const wall = wallFromFields({
    year: +m[1]!,
    month: +m[2]!,
    day: +m[3]!,
    hour: +(m[4] ?? 0),
    minute: +(m[5] ?? 0),
    second: +(m[6] ?? 0),
    micro: m[7] ? +m[7].padEnd(6, '0') : 0,
  });
  if (!m[8]) return wall;
  const sign = m[8] === 'Z' ? 0 : m[8].startsWith('-') ? -1 : 1;
  const offsetUs = sign === 0 ? 0 : sign * (+m[8].slice(1, 3) * 60 + +m[8].slice(4, 6)) * 60_000_000;
  return wallAt(wall - offsetUs, zone);
}

function relative(text: string): Relative | null {
  const m = /-?(\d+)?([a-zA-Z])(Start|End)?/.exec(text);
  if (!m) return null;
  const n = m[1] === undefined ? undefined : +m[1];
  const rel: Relative = { set: {} };
  const start = m[3] === 'Start';
  const end = m[3] === 'End';
  switch (m[2]) {
    case 'h':
      rel.hours = n;
      if (start) rel.set = { minute: 0, second: 0, micro: 0 };
      if (end) rel.set = { minute: 59, second: 59, micro: 999_999 };
      break;
    case 'd':
      rel.days = n;
      if (start) rel.set = { hour: 0, minute: 0, second: 0, micro: 0 };
      if (end) rel.set = { hour: 23, minute: 59, second: 59, micro: 999_999 };
      break;
    case 'w':
      rel.weeks = n;
      break;
    case 'm':
      rel.months = n;
      if (start) rel.set = { day: 1 };
      if (end) rel.set = { day: 31 };
      break;
    case 'q':
      rel.weeks = n === undefined ? undefined : 13 * n;
      break;
    case 'y':
      rel.years = n;
      if (start) rel.set = { month: 1, day: 1 };
      if (end) rel.set = { month: 12, day: 31 };
      break;
    case 'M':
      rel.minutes = n;
      break;
    case 's':
      rel.seconds = n;
      break;
  }
  return rel;
}

/** `wall − rel` with dateutil's order: set fields (day clamped), subtract months/years, then the rest. */
function minus(wall: Wall, rel: Relative): Wall {
  let f = fieldsOfWall(wall);
  f = { ...f, month: rel.set.month ?? f.month };
  const totalMonths = f.year * 12 + f.month - 1 - ((rel.years ?? 0) * 12 + (rel.months ?? 0));
  const year = Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  f = {
    year,
    month,
    day: Math.min(rel.set.day ?? f.day, daysIn(year, month)),
    hour: rel.set.hour ?? f.hour,
    minute: rel.set.minute ?? f.minute,
    second: rel.set.second ?? f.second,
    micro: rel.set.micro ?? f.micro,
  };
  const micros =
    ((rel.weeks ?? 0) * 7 + (rel.days ?? 0)) * US_PER_DAY +
    (rel.hours ?? 0) * 3_600_000_000 +
    (rel.minutes ?? 0) * 60_000_000 +
    (rel.seconds ?? 0) * 1_000_000;
  return wallFromFields(f) - micros;
}

function truncate(wall: Wall, interval: OracleInterval, weekStart: 0 | 1): Wall {
  const f = fieldsOfWall(wall);
  switch (interval) {
    case 'minute':
      return wallFromFields({ ...f, second: 0, micro: 0 });
    case 'hour':
      return wallFromFields({ ...f, minute: 0, second: 0, micro: 0 });
    case 'day':
      return midnight(wall);
    case 'week':
      return plusDays(midnight(wall), -((weekday(wall) - weekStart + 7) % 7));
    case 'month':
      return wallFromFields({ ...f, day: 1, hour: 0, minute: 0, second: 0, micro: 0 });
  }
}

export function bucketStart(wall: Wall, interval: OracleInterval, weekStart: 0 | 1): Wall {
  return truncate(wall, interval, weekStart);
}

export function nextBucket(wall: Wall, interval: OracleInterval, count = 1): Wall {
  switch (interval) {
    case 'minute':
      return wall + count * 60_000_000;
    case 'hour':
      return wall + count * 3_600_000_000;
    case 'day':
      return plusDays(wall, count);
    case 'week':
      return plusDays(wall, 7 * count);
    case 'month':
      return plusMonths(wall, count);
  }
}

export interface OracleRange {
  interval: OracleInterval;
  zone: string;
  weekStart: 0 | 1;
  from: Wall;
  to: Wall;
  /** Inclusive lower bound of the trends/stickiness event filter. */
  filterFrom: Wall;
  startOfInterval: boolean;
  buckets: Wall[];
  fromRelative: Relative | null;
  toRelative: Relative | null;
}

export interface RangeInput {
  date_from?: string | null;
  date_to?: string | null;
  explicitDate?: boolean | null;
}

export function listBuckets(from: Wall, to: Wall, interval: OracleInterval, weekStart: 0 | 1): Wall[] {
  const result: Wall[] = [];
  for (let start = truncate(from, interval, weekStart); start <= to; start = nextBucket(start, interval))
    result.push(start);
  return result;
}

function filterTruncate(wall: Wall, interval: OracleInterval): Wall {
  return interval === 'week' ? midnight(wall) : truncate(wall, interval, 0);
}

/** §1.4–1.5 as the oracle reads them. */
export function oracleRange(
  input: RangeInput | null | undefined,
  interval: OracleInterval,
  zone: string,
  weekStart: 0 | 1,
  now: Instant,
  options: { exact?: boolean; earliest?: Instant | null } = {},
): OracleRange {
  const nowWall = wallAt(now, zone);
  const subDaily = interval === 'hour' || interval === 'minute';
  const explicit = Boolean(input?.explicitDate) || Boolean(options.exact);

  let from: Wall;
  let fromRelative: Relative | null = null;
  let startOfInterval = true;
  const rawFrom = input?.date_from;
  if (!rawFrom) {
    from = midnight(nowWall) - 7 * US_PER_DAY;
  } else if (rawFrom === 'all') {
    from = options.earliest == null ? nowWall - 7 * US_PER_DAY : wallAt(options.earliest, zone);
  } else {
    const abs = absolute(rawFrom, zone);
    if (abs !== null) from = abs;
    else {
      fromRelative = relative(rawFrom) ?? { set: {} };
      from = minus(nowWall, fromRelative);
      if (!options.exact) from = fromRelative.hours !== undefined ? truncate(from, 'hour', 0) : midnight(from);
      startOfInterval = !(subDaily || (interval === 'day' && fromRelative.hours !== undefined));
    }
  }
  if (explicit) startOfInterval = false;

  let to: Wall;
  let toRelative: Relative | null = null;
  const rawTo = input?.date_to;
  if (!rawTo) to = nowWall;
  else {
    const abs = absolute(rawTo, zone);
    if (abs !== null) to = abs;
    else {
      toRelative = relative(rawTo) ?? { set: {} };
      to = minus(nowWall, toRelative);
      to = toRelative.hours !== undefined ? truncate(to, 'hour', 0) : midnight(to);
    }
  }
  if (!explicit) {
    const toIsRelative = !rawTo || toRelative !== null;
    const f = fieldsOfWall(to);
    if (!subDaily) to = wallFromFields({ ...f, hour: 23, minute: 59, second: 59, micro: 999_999 });
    else if (interval === 'minute') to = wallFromFields({ ...f, second: 59, micro: 999_999 });
    else if (toIsRelative) to = wallFromFields({ ...f, minute: 59, second: 59, micro: 999_999 });
  }
  return {
    interval,
    zone,
    weekStart,
    from,
    to,
    filterFrom: startOfInterval ? filterTruncate(from, interval) : from,
    startOfInterval,
    buckets: listBuckets(from, to, interval, weekStart),
    fromRelative,
    toRelative,
  };
}

/** §1.8: the previous period of a range. */
export function oraclePreviousRange(current: OracleRange, compareTo: string | null | undefined): OracleRange {
  const diff = current.to - current.from;
  let from: Wall;
  let to: Wall;
  const keepTime = (target: Wall, source: Wall) => {
    const s = fieldsOfWall(source);
    return wallFromFields({
      ...fieldsOfWall(target),
      hour: s.hour,
      minute: s.minute,
      second: s.second,
      micro: s.micro,
    });
  };
  if (compareTo) {
    from = minus(current.from, relative(compareTo) ?? { set: {} });
    to = from + diff;
  } else if (current.interval === 'hour') {
    from = keepTime(current.from - diff, current.from);
    const s = fieldsOfWall(current.to);
    to = wallFromFields({ ...fieldsOfWall(from + diff), minute: s.minute, second: s.second, micro: s.micro });
  } else if (current.interval === 'minute') {
    from = current.from - diff;
    to = current.from;
  } else {
    from = keepTime(current.from - diff, current.from);
    const days = current.fromRelative?.days;
    if (current.interval === 'day' && days && days % 7 === 0 && !current.toRelative) from += US_PER_DAY;
    to = keepTime(from + diff, current.to);
  }
  return {
    ...current,
    from,
    to,
    filterFrom: current.startOfInterval ? filterTruncate(from, current.interval) : from,
    buckets: listBuckets(from, to, current.interval, current.weekStart),
  };
}

export function instant(range: { zone: string }, wall: Wall): Instant {
  return instantAt(wall, range.zone);
}
