/**
 * The six queries of `pnpm bench queries`, each with a hand-written SQL floor computing the same answer on the same
 * tables, and a way to read the same numbers out of the engine's response and out of the floor's rows, so the floor
 * is checked to be honest. The idea and the first SQL come from packages/query-engine/src/testing/measure.ts; each
 * floor is the fastest plain statement found for its answer (`date_bin` buckets, retention over per-person week bits
 * without a self-join, the funnel on timestamps rather than epoch numerics), so that a ratio above 1 is what the
 * engine's SQL and the hops add, not what a slow floor hides.
 *
 * Persons are resolved as the engine does, `coalesce(person_override.override_person_id, event.person_id)`; the
 * project's timezone is UTC and its week starts on Sunday (the defaults of a new project).
 */

const DAY_MS = 86_400_000;

/** The instants a query's range is made of, for the day its `now` falls on (UTC). */
export interface QueryDays {
  /** `date_from: '-30d'`: midnight 30 days before today. */
  from30: string;
  /** The end of today, as the engine's ranges end (inclusive, to the microsecond). */
  endOfToday: string;
  /** Lifecycle reads the day before its first day, to tell returning from resurrecting. */
  dayBeforeFrom30: string;
  tomorrow: string;
  /** The last day whose dormant users lifecycle shows (today). */
  today: string;
  /** Midnight of this week's Sunday (weeks start on Sunday). */
  weekStart: string;
  /** Weekly retention over 8 weeks: the Sunday 7 weeks before this week's, and next week's Sunday (exclusive). */
  retentionFrom: string;
  retentionTo: string;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function queryDays(now: Date): QueryDays {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const weekStart = today - new Date(today).getUTCDay() * DAY_MS;
  const midnight = (ms: number) => `${isoDay(ms)}T00:00:00Z`;
  return {
    from30: midnight(today - 30 * DAY_MS),
    endOfToday: `${isoDay(today)}T23:59:59.999999Z`,
    dayBeforeFrom30: midnight(today - 31 * DAY_MS),
    tomorrow: midnight(today + DAY_MS),
    today: isoDay(today),
    weekStart: midnight(weekStart),
    retentionFrom: midnight(weekStart - 7 * 7 * DAY_MS),
    retentionTo: midnight(weekStart + 7 * DAY_MS),
  };
}

/** Numbers of an answer by a key both sides can name (`2026-11-03`, `Chrome|2026-11-03`, `step 2 count`, …). */
export type AnswerNumbers = Map<string, number>;

export interface BenchQuery {
  name: string;
  /** The target for full path p50 / floor p50. */
  maxRatio: number;
  /** The query node sent to `POST /query/`. */
  node: Record<string, unknown>;
  /** The floor's statement and its parameters ($1 is always the project id). */
  floor(projectId: number, days: QueryDays): { text: string; values: unknown[] };
  /** The numbers of the engine's response (`results` of `POST /query/`)… */
  fromEngine(results: any): AnswerNumbers;
  /** …and the same numbers from the floor's rows. Zero entries are left out on both sides. */
  fromFloor(rows: any[]): AnswerNumbers;
}

const PERSON = 'coalesce(po.override_person_id, e.person_id)';
const OVERRIDE =
  'LEFT JOIN insights.person_override po ON po.project_id = e.project_id AND po.old_person_id = e.person_id';

function numbers(entries: Iterable<[string, number]>): AnswerNumbers {
  const map: AnswerNumbers = new Map();
  for (const [key, value] of entries) {
    if (value !== 0 && value !== null) map.set(key, (map.get(key) ?? 0) + Number(value));
  }
  return map;
}

/** A trends result's numbers by day (and breakdown value): `[prefix|]YYYY-MM-DD`. */
function trendsNumbers(results: any[]): AnswerNumbers {
  return numbers(
    results.flatMap((item) => {
      const breakdown = item.breakdown_value === undefined ? '' : `${[item.breakdown_value].flat().join(',')}|`;
      return (item.days as string[]).map((day, index): [string, number] => [`${breakdown}${day}`, item.data[index]]);
    }),
  );
}

const FUNNEL_STEPS = ['$pageview', 'signed_up', 'purchase'];
const FUNNEL_WINDOW = '14 days';

export const BENCH_QUERIES: readonly BenchQuery[] = [
  {
    name: 'trends total daily (30 d)',
    maxRatio: 1.3,
    node: {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: '$pageview' }],
      interval: 'day',
      dateRange: { date_from: '-30d' },
    },
    floor: (projectId, days) => ({
      text: `SELECT (day AT TIME ZONE 'UTC')::date::text AS day, value FROM (
          SELECT date_bin('1 day', e.timestamp, $2::timestamptz) AS day, count(*)::int AS value
          FROM insights.event e
          WHERE e.project_id = $1 AND e.event = '$pageview' AND e.timestamp >= $2::timestamptz AND e.timestamp <= $3::timestamptz
          GROUP BY 1
        ) days`,
      values: [projectId, days.from30, days.endOfToday],
    }),
    fromEngine: trendsNumbers,
    fromFloor: (rows) => numbers(rows.map((row) => [row.day, row.value])),
  },
  {
    name: 'DAU by $browser (30 d)',
    maxRatio: 1.3,
    node: {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: '$pageview', math: 'dau' }],
      breakdownFilter: { breakdown: '$browser' },
      dateRange: { date_from: '-30d' },
    },
    floor: (projectId, days) => ({
      text: `SELECT (day AT TIME ZONE 'UTC')::date::text AS day, browser, value FROM (
          SELECT date_bin('1 day', e.timestamp, $2::timestamptz) AS day, e.properties ->> '$browser' AS browser,
            count(DISTINCT ${PERSON})::int AS value
          FROM insights.event e ${OVERRIDE}
          WHERE e.project_id = $1 AND e.event = '$pageview' AND e.timestamp >= $2::timestamptz AND e.timestamp <= $3::timestamptz
          GROUP BY 1, 2
        ) days`,
      values: [projectId, days.from30, days.endOfToday],
    }),
    fromEngine: trendsNumbers,
    fromFloor: (rows) => numbers(rows.map((row) => [`${row.browser}|${row.day}`, row.value])),
  },
  {
    name: 'sum of amount weekly (30 d)',
    maxRatio: 1.3,
    node: {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: 'purchase', math: 'sum', math_property: 'amount' }],
      interval: 'week',
      dateRange: { date_from: '-30d' },
    },
    // Weeks start on Sunday: 7-day bins from a Sunday.
    floor: (projectId, days) => ({
      text: `SELECT (week AT TIME ZONE 'UTC')::date::text AS week, value FROM (
          SELECT date_bin('7 days', e.timestamp, $4::timestamptz) AS week, sum((e.properties ->> 'amount')::float8) AS value
          FROM insights.event e
          WHERE e.project_id = $1 AND e.event = 'purchase' AND e.timestamp >= $2::timestamptz AND e.timestamp <= $3::timestamptz
          GROUP BY 1
        ) weeks`,
      values: [projectId, days.from30, days.endOfToday, days.weekStart],
    }),
    fromEngine: trendsNumbers,
    fromFloor: (rows) => numbers(rows.map((row) => [row.week, row.value])),
  },
  {
    name: 'funnel 3 steps, 14-day window',
    maxRatio: 1.5,
    node: {
      kind: 'FunnelsQuery',
      series: FUNNEL_STEPS.map((event) => ({ kind: 'EventsNode', event })),
      funnelsFilter: { funnelWindowInterval: 14, funnelWindowIntervalUnit: 'day' },
      dateRange: { date_from: '-30d' },
    },
    // The greedy path written by hand for three steps: from each first-step event, the earliest second step after it
    // and the earliest third step after that; each person's best attempt is the furthest, then the earliest there.
    // The whole answer: counts, average and median conversion times.
    floor: (projectId, days) => ({
      text: `WITH ev AS (
          SELECT ${PERSON} AS person, e.timestamp AS ts,
            e.event = $4 AS s0, e.event = $5 AS s1, e.event = $6 AS s2
          FROM insights.event e ${OVERRIDE}
          WHERE e.project_id = $1 AND e.event IN ($4, $5, $6) AND e.timestamp >= $2::timestamptz AND e.timestamp <= $3::timestamptz
        ),
        n2 AS (SELECT *, min(CASE WHEN s2 THEN ts END) OVER (PARTITION BY person ORDER BY ts DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next2 FROM ev),
        n1 AS (SELECT *, min(CASE WHEN s1 THEN ARRAY[ts, next2] END) OVER (PARTITION BY person ORDER BY ts DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next1 FROM n2),
        attempts AS (
          SELECT person, ts AS t0, next1[1] AS t1, next1[2] AS t2,
            CASE WHEN next1[2] - ts <= $7::interval THEN 2 WHEN next1[1] - ts <= $7::interval THEN 1 ELSE 0 END AS reached
          FROM n1 WHERE s0
        ),
        best AS (
          SELECT DISTINCT ON (person) * FROM attempts
          ORDER BY person, reached DESC, CASE reached WHEN 2 THEN t2 WHEN 1 THEN t1 ELSE t0 END, t0 DESC
        )
        SELECT count(*)::int AS step0, (count(*) FILTER (WHERE reached >= 1))::int AS step1,
          (count(*) FILTER (WHERE reached >= 2))::int AS step2,
          extract(epoch FROM avg(t1 - t0) FILTER (WHERE reached >= 1))::float8 AS average1,
          extract(epoch FROM avg(t2 - t1) FILTER (WHERE reached >= 2))::float8 AS average2,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', t1 - t0)) FILTER (WHERE reached >= 1) AS median1,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', t2 - t1)) FILTER (WHERE reached >= 2) AS median2
        FROM best`,
      values: [projectId, days.from30, days.endOfToday, ...FUNNEL_STEPS, FUNNEL_WINDOW],
    }),
    fromEngine: (results) =>
      numbers(
        (results as any[]).flatMap((step, index): [string, number][] => [
          [`step ${index} count`, step.count],
          [`step ${index} average time`, step.average_conversion_time ?? 0],
          [`step ${index} median time`, step.median_conversion_time ?? 0],
        ]),
      ),
    fromFloor: ([row]) =>
      numbers([
        ['step 0 count', row.step0],
        ['step 1 count', row.step1],
        ['step 2 count', row.step2],
        ['step 1 average time', row.average1 ?? 0],
        ['step 2 average time', row.average2 ?? 0],
        ['step 1 median time', row.median1 ?? 0],
        ['step 2 median time', row.median2 ?? 0],
      ]),
  },
  {
    name: 'retention weekly, 8 weeks',
    maxRatio: 1.3,
    node: { kind: 'RetentionQuery', retentionFilter: { period: 'Week', totalIntervals: 8 } },
    // Each person's active weeks as the bits of an integer, then every pair of a cohort week and a week at or after
    // it counted: the active weeks are read once, and no self-join.
    floor: (projectId, days) => ({
      text: `WITH persons AS (
          SELECT ${PERSON} AS person, bit_or(1 << (date_part('day', e.timestamp - $2::timestamptz)::int / 7)) AS weeks
          FROM insights.event e ${OVERRIDE}
          WHERE e.project_id = $1 AND e.event = '$pageview' AND e.timestamp >= $2::timestamptz AND e.timestamp < $3::timestamptz
          GROUP BY 1
        )
        SELECT ($2::date + 7 * c)::text AS cohort, k AS week_offset, count(*)::int AS persons
        FROM persons, generate_series(0, 7) c, generate_series(0, 7) k
        WHERE c + k <= 7 AND weeks & (1 << c) <> 0 AND weeks & (1 << (c + k)) <> 0
        GROUP BY 1, 2`,
      values: [projectId, days.retentionFrom, days.retentionTo],
    }),
    fromEngine: (results) =>
      numbers(
        (results as any[]).flatMap((cohort) =>
          (cohort.values as { count: number }[]).map((cell, offset): [string, number] => [
            `${String(cohort.date).slice(0, 10)}+${offset}`,
            cell.count,
          ]),
        ),
      ),
    fromFloor: (rows) => numbers(rows.map((row) => [`${row.cohort}+${row.week_offset}`, row.persons])),
  },
  {
    name: 'lifecycle daily (30 d)',
    maxRatio: 1.5,
    node: {
      kind: 'LifecycleQuery',
      series: [{ kind: 'EventsNode', event: '$pageview' }],
      dateRange: { date_from: '-30d' },
    },
    floor: (projectId, days) => ({
      text: `WITH active AS (
          SELECT ${PERSON} AS person, date_bin('1 day', e.timestamp, $2::timestamptz) AS day
          FROM insights.event e ${OVERRIDE}
          WHERE e.project_id = $1 AND e.event = '$pageview'
            AND (e.properties ->> '$process_person_profile') IS DISTINCT FROM 'false'
            AND e.timestamp >= $2::timestamptz AND e.timestamp < $3::timestamptz
          GROUP BY 1, 2
        ),
        marked AS (
          SELECT a.*, date_bin('1 day', p.created_at, $2::timestamptz) AS created,
            lag(day) OVER (PARTITION BY person ORDER BY day) AS previous,
            lead(day) OVER (PARTITION BY person ORDER BY day) AS next
          FROM active a LEFT JOIN insights.person p ON p.project_id = $1 AND p.id = a.person
        )
        SELECT (day AT TIME ZONE 'UTC')::date::text AS day, status, persons FROM (
          SELECT day, CASE WHEN day = created THEN 'new'
              WHEN previous = day - interval '1 day' THEN 'returning' ELSE 'resurrecting' END AS status,
            count(*)::int AS persons
          FROM marked WHERE day >= $4::timestamptz GROUP BY 1, 2
          UNION ALL
          SELECT day + interval '1 day', 'dormant', -count(*)::int FROM marked
          WHERE day < $5::timestamptz AND (next IS NULL OR next > day + interval '1 day') GROUP BY 1
        ) statuses`,
      values: [projectId, days.dayBeforeFrom30, days.tomorrow, days.from30, `${days.today}T00:00:00Z`],
    }),
    fromEngine: (results) =>
      numbers(
        (results as any[]).flatMap((item) =>
          (item.days as string[]).map((day, index): [string, number] => [`${item.status}|${day}`, item.data[index]]),
        ),
      ),
    fromFloor: (rows) => numbers(rows.map((row) => [`${row.status}|${row.day}`, row.persons])),
  },
];

/**
 * The first difference between two answers' numbers, or null. Averages of times may differ by a microsecond (the
 * floor averages intervals, the engine epoch seconds) and sums by float rounding.
 */
export function answerMismatch(engine: AnswerNumbers, floor: AnswerNumbers): string | null {
  for (const key of new Set([...engine.keys(), ...floor.keys()])) {
    const a = engine.get(key);
    const b = floor.get(key);
    if (a === undefined || b === undefined || Math.abs(a - b) > 1e-6 + 1e-9 * Math.abs(a)) {
      return `${key}: engine ${a ?? 'none'}, floor ${b ?? 'none'}`;
    }
  }
  return null;
}
