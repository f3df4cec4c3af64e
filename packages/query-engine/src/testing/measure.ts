/**
 * Loads ~1M synthetic events into a throwaway database and prints, for each benchmark query, the p50 of the engine
 * (parse → SQL → rows → PostHog shape) next to a hand-written SQL floor computing the same answer on the same tables.
 *
 *   node --conditions=@insights/source --import tsx packages/query-engine/src/testing/measure.ts \
 *     [--events 1000000] [--runs 7] [--settings work_mem=64MB,jit=off] [--keep | --url <database url>] [--only <name>]
 */
import { parseArgs } from 'node:util';
import { createTestDatabase } from '@insights/db/testing';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { runQuery } from '../run-query.js';
import { createEventTables } from '../sql/event-tables.js';
import { createPgBackend } from './pg-backend.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '7' },
    keep: { type: 'boolean' },
    url: { type: 'string' },
    only: { type: 'string' },
    // Session settings for every connection, e.g. "work_mem=64MB,jit=off" (as a backend could configure its pool).
    settings: { type: 'string' },
  },
});
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const PERSONS = 30_000;
const NOW = new Date('2025-06-30T12:00:00Z');
const project = { timezone: 'UTC', weekStartDay: 0 as const, testAccountFilters: [] };

async function load(db: Kysely<any>) {
  await createEventTables(db, 'insights');
  const started = Date.now();
  // Persons are md5-derived uuids; a few percent are merged into another person afterwards.
  await sql`INSERT INTO insights.event (project_id, uuid, event, distinct_id, person_id, timestamp, properties)
    SELECT project_id, gen_random_uuid(),
      CASE WHEN r < 0.60 THEN '$pageview' WHEN r < 0.72 THEN 'viewed_pricing' WHEN r < 0.80 THEN 'signed_up'
           WHEN r < 0.85 THEN 'purchase' ELSE 'clicked' END,
      'd' || p, md5('person' || project_id || '-' || p)::uuid,
      ${NOW.toISOString()}::timestamptz - random() * interval '30 days',
      jsonb_build_object(
        '$browser', (ARRAY['Chrome','Chrome','Chrome','Safari','Safari','Firefox','Edge','Opera'])[1 + (p % 8)],
        '$os', (ARRAY['Mac OS X','Windows','Linux','iOS','Android'])[1 + (i % 5)],
        '$session_id', 's' || p || '-' || (i % 50),
        '$current_url', 'https://example.com/' || (i % 40),
        'amount', round((random() * 200)::numeric, 2))
    FROM (
      SELECT i, random() AS r, (floor(random() ^ 2 * ${PERSONS}))::int AS p,
        CASE WHEN i <= ${EVENTS} THEN 1 ELSE 2 END AS project_id
      FROM generate_series(1, ${Math.round(EVENTS * 1.1)}) AS i
    ) s`.execute(db);
  await sql`INSERT INTO insights.person (project_id, id, created_at, properties, is_identified)
    SELECT project_id, person_id, min(timestamp), jsonb_build_object('plan', (ARRAY['free','pro','enterprise'])[1 + abs(hashtext(person_id::text)) % 3]), true
    FROM insights.event GROUP BY project_id, person_id`.execute(db);
  await sql`INSERT INTO insights.person_override (project_id, old_person_id, override_person_id)
    SELECT 1, md5('person1-' || p)::uuid, md5('person1-' || (p + 1))::uuid
    FROM generate_series(0, ${PERSONS - 2}, 50) p`.execute(db);
  await sql`DELETE FROM insights.person p USING insights.person_override o
    WHERE p.project_id = o.project_id AND p.id = o.old_person_id`.execute(db);
  await sql`VACUUM ANALYZE`.execute(db);
  console.log(`loaded ${EVENTS} events (+10% in another project) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const from30 = "'2025-05-31T00:00:00Z'::timestamptz";
const to = "'2025-06-30T23:59:59.999999Z'::timestamptz";
const personId = 'coalesce(po.override_person_id, e.person_id)';
const override =
  'LEFT JOIN insights.person_override po ON po.project_id = e.project_id AND po.old_person_id = e.person_id';

/** Each benchmark: the engine's query node and a hand-written statement giving the same numbers. */
const BENCHMARKS: Array<{ name: string; query: Record<string, unknown>; floor: string }> = [
  {
    name: 'trends: total, daily, 30 days',
    query: {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: '$pageview' }],
      dateRange: { date_from: '-30d' },
    },
    floor: `SELECT date_trunc('day', e.timestamp AT TIME ZONE 'UTC') AS day, count(*) FROM insights.event e
      WHERE e.project_id = 1 AND e.event = '$pageview' AND e.timestamp >= ${from30} AND e.timestamp <= ${to} GROUP BY 1`,
  },
  {
    name: 'trends: unique users by $browser',
    query: {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: '$pageview', math: 'dau' }],
      breakdownFilter: { breakdown: '$browser' },
      dateRange: { date_from: '-30d' },
    },
    floor: `SELECT date_trunc('day', e.timestamp AT TIME ZONE 'UTC') AS day, e.properties ->> '$browser' AS browser,
        count(DISTINCT ${personId}) FROM insights.event e ${override}
      WHERE e.project_id = 1 AND e.event = '$pageview' AND e.timestamp >= ${from30} AND e.timestamp <= ${to} GROUP BY 1, 2`,
  },
  {
    name: 'trends: sum of amount, weekly',
    query: {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: 'purchase', math: 'sum', math_property: 'amount' }],
      interval: 'week',
      dateRange: { date_from: '-30d' },
    },
    floor: `SELECT date_trunc('week', e.timestamp AT TIME ZONE 'UTC' + interval '1 day') AS week, sum((e.properties ->> 'amount')::float8)
      FROM insights.event e WHERE e.project_id = 1 AND e.event = 'purchase' AND e.timestamp >= ${from30} AND e.timestamp <= ${to} GROUP BY 1`,
  },
  {
    name: 'funnel: 3 steps, 14-day window',
    query: {
      kind: 'FunnelsQuery',
      series: [
        { kind: 'EventsNode', event: '$pageview' },
        { kind: 'EventsNode', event: 'viewed_pricing' },
        { kind: 'EventsNode', event: 'signed_up' },
      ],
      funnelsFilter: { funnelWindowInterval: 14, funnelWindowIntervalUnit: 'day' },
      dateRange: { date_from: '-30d' },
    },
    // The same greedy-path algorithm written by hand for three steps (no tie-breaking, no generic plumbing).
    floor: `WITH ev AS (
        SELECT ${personId} AS person, extract(epoch FROM e.timestamp) AS ts,
          e.event = '$pageview' AS s0, e.event = 'viewed_pricing' AS s1, e.event = 'signed_up' AS s2
        FROM insights.event e ${override}
        WHERE e.project_id = 1 AND e.event IN ('$pageview', 'viewed_pricing', 'signed_up') AND e.timestamp >= ${from30} AND e.timestamp <= ${to}
      ),
      n2 AS (SELECT *, min(CASE WHEN s2 THEN ts END) OVER (PARTITION BY person ORDER BY ts DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next2 FROM ev),
      n1 AS (SELECT *, min(CASE WHEN s1 THEN ARRAY[ts, next2] END) OVER (PARTITION BY person ORDER BY ts DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS next1 FROM n2),
      attempts AS (
        SELECT person, ts AS t0, next1[1] AS t1, next1[2] AS t2,
          CASE WHEN next1[2] - ts <= 1209600 THEN 2 WHEN next1[1] - ts <= 1209600 THEN 1 ELSE 0 END AS reached
        FROM n1 WHERE s0
      ),
      best AS (
        SELECT DISTINCT ON (person) * FROM attempts
        ORDER BY person, reached DESC, CASE reached WHEN 2 THEN t2 WHEN 1 THEN t1 ELSE t0 END, t0 DESC
      )
      SELECT count(*), count(*) FILTER (WHERE reached >= 1), count(*) FILTER (WHERE reached >= 2),
        avg(t1 - t0) FILTER (WHERE reached >= 1), percentile_cont(0.5) WITHIN GROUP (ORDER BY t1 - t0) FILTER (WHERE reached >= 1),
        avg(t2 - t1) FILTER (WHERE reached >= 2), percentile_cont(0.5) WITHIN GROUP (ORDER BY t2 - t1) FILTER (WHERE reached >= 2)
      FROM best`,
  },
  {
    name: 'retention: weekly, 8 weeks',
    query: { kind: 'RetentionQuery', retentionFilter: { period: 'Week', totalIntervals: 8 } },
    floor: `WITH active AS (
        SELECT DISTINCT ${personId} AS person, date_trunc('week', e.timestamp AT TIME ZONE 'UTC' + interval '1 day') AS week
        FROM insights.event e ${override}
        WHERE e.project_id = 1 AND e.event = '$pageview'
          AND e.timestamp >= '2025-05-11T00:00:00Z' AND e.timestamp < '2025-07-06T00:00:00Z'
      )
      SELECT a.week, (b.week - a.week), count(*) FROM active a JOIN active b ON b.person = a.person AND b.week >= a.week GROUP BY 1, 2`,
  },
  {
    name: 'lifecycle: daily, 30 days',
    query: {
      kind: 'LifecycleQuery',
      series: [{ kind: 'EventsNode', event: '$pageview' }],
      dateRange: { date_from: '-30d' },
    },
    floor: `WITH active AS (
        SELECT ${personId} AS person, date_trunc('day', e.timestamp AT TIME ZONE 'UTC') AS day
        FROM insights.event e ${override}
        WHERE e.project_id = 1 AND e.event = '$pageview' AND (e.properties ->> '$process_person_profile') IS DISTINCT FROM 'false'
          AND e.timestamp >= '2025-05-30T00:00:00Z' AND e.timestamp < '2025-07-01T00:00:00Z'
        GROUP BY 1, 2
      ),
      marked AS (
        SELECT a.*, date_trunc('day', p.created_at AT TIME ZONE 'UTC') AS created,
          lag(day) OVER (PARTITION BY person ORDER BY day) AS previous, lead(day) OVER (PARTITION BY person ORDER BY day) AS next
        FROM active a LEFT JOIN insights.person p ON p.project_id = 1 AND p.id = a.person
      )
      SELECT day, CASE WHEN day = created THEN 'new' WHEN previous = day - interval '1 day' THEN 'returning' ELSE 'resurrecting' END, count(*)
      FROM marked WHERE day >= '2025-05-31' GROUP BY 1, 2
      UNION ALL
      SELECT day + interval '1 day', 'dormant', -count(*) FROM marked
      WHERE day < '2025-06-30' AND (next IS NULL OR next > day + interval '1 day') GROUP BY 1`,
  },
];

function p50(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Alternates the two runs (after one warm-up each) so that load from other processes hits both alike. */
async function timePair(first: () => Promise<unknown>, second: () => Promise<unknown>): Promise<[number[], number[]]> {
  await first();
  await second();
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    for (const [index, run] of [first, second].entries()) {
      const started = performance.now();
      await run();
      samples[index]!.push(performance.now() - started);
    }
  }
  return samples;
}

// --url reuses a database loaded by an earlier run with --keep.
const database = args.url ? null : await createTestDatabase();
const sessionOptions = args.settings
  ?.split(',')
  .map((setting) => `-c ${setting.trim()}`)
  .join(' ');
const pool = new pg.Pool({ connectionString: args.url ?? database!.url, max: 4, options: sessionOptions });
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
try {
  if (database) await load(db);
  const backend = createPgBackend(pool);
  console.log(`p50 of ${RUNS} runs after one warm-up (ms)`);
  console.log(['query', 'engine', 'floor', 'ratio'].join('\t'));
  for (const benchmark of BENCHMARKS.filter((item) => !args.only || item.name.includes(args.only))) {
    const [engine, floor] = await timePair(
      () => runQuery(benchmark.query, { project, projectId: 1, now: NOW, schema: 'insights', backend }),
      () => backend.execute(CompiledQuery.raw(benchmark.floor), {}),
    );
    const ratio = p50(engine) / p50(floor);
    console.log([benchmark.name, p50(engine).toFixed(1), p50(floor).toFixed(1), ratio.toFixed(2)].join('\t'));
  }
} finally {
  await db.destroy();
  if (database && !args.keep) await database.drop();
  else if (database) console.log(`kept database ${database.url}`);
}
