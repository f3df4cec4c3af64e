/**
 * The floor: what retrieving an insight costs with nothing but fastify 5 and the service's two statements (the row with
 * its authors, then its cached results by cache key). No authentication, no NATS, no tRPC, no logging. It renders the
 * same JSON, key for key, as the gateway's insight retrieve, so the difference between the two is the price of the
 * architecture. Given `FLOOR_PRINCIPAL` (the bench's user), it serves the floors of floor-endpoints.ts too. Run as its own process:
 *   DATABASE_URL=postgres://… PORT=8123 tsx test/bench/floor-server.ts
 */

import { createDb } from '@insights/db';
import { normalizedQueryKey, type ProjectSettings } from '@insights/query-engine';
import Fastify from 'fastify';
import pg from 'pg';
import { registerEndpointFloors } from './floor-endpoints.js';

const databaseUrl = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 0);
if (!databaseUrl) throw new Error('floor-server needs DATABASE_URL');

// The same pool size as the services' (packages/db createPool).
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, application_name: 'bench-floor' });

// The benchmark's user is an editor of the project, without per-insight overrides: what the full path renders.
const USER_ACCESS_LEVEL = 'editor';
const PRIVILEGE_CAN_EDIT = 37;
const RESTRICTION_EVERYONE_CAN_EDIT = 21;
const TIMEZONE = 'UTC';

interface UserProfile {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  last_name: string;
  email: string;
  is_email_verified: boolean;
}

interface FloorRow {
  id: number;
  short_id: string;
  name: string | null;
  derived_name: string | null;
  description: string | null;
  filters: unknown;
  query: unknown;
  order: number | null;
  deleted: boolean;
  saved: boolean;
  favorited: boolean;
  is_sample: boolean;
  dashboards: number[];
  created_at: Date;
  created_by: UserProfile | null;
  updated_at: Date;
  last_modified_at: Date;
  last_modified_by: UserProfile | null;
  tags: string[];
}

// The row and both authors (json keeps the column order); the tags are the row's own.
const RETRIEVE_SQL = `
  SELECT i.id, i.short_id, i.name, i.derived_name, i.description, i.filters, i.query, i."order", i.deleted, i.saved,
    i.favorited, i.is_sample, i.dashboards, i.created_at, i.updated_at, i.last_modified_at,
    row_to_json(cb) AS created_by, row_to_json(lb) AS last_modified_by, i.tags
  FROM insights.insight i
  LEFT JOIN insights.user_profile cb ON cb.id = i.created_by
  LEFT JOIN insights.user_profile lb ON lb.id = i.last_modified_by
  WHERE i.project_id = $1 AND i.id = $2 AND NOT i.deleted`;

// apps/insights/src/queries/results-cache.ts readCachedResults: the insight's results, when computed before.
const CACHED_SQL = `
  SELECT r.cache_key, r.response, r.last_refresh, r.target_age_seconds, r.lazy_target_age_seconds,
    r.refresh_frequency_seconds, r.period_from, r.period_to,
    EXISTS (
      SELECT 1 FROM insights.event_day_change c
      WHERE c.project_id = r.project_id AND c.changed_at > r.last_refresh
        AND c.day BETWEEN (r.period_from AT TIME ZONE 'UTC')::date AND (r.period_to AT TIME ZONE 'UTC')::date
    ) AS period_changed
  FROM insights.query_result r
  WHERE r.project_id = $1 AND r.cache_key = ANY($2::text[])`;

/** The project's query settings, read once per project as the gateway's membership cache does. */
const settingsByProject = new Map<number, Promise<ProjectSettings>>();
function projectSettings(projectId: number): Promise<ProjectSettings> {
  let settings = settingsByProject.get(projectId);
  if (!settings) {
    settings = pool
      .query<{ timezone: string; week_start_day: number; test_account_filters: unknown[] }>(
        'SELECT timezone, week_start_day, test_account_filters FROM auth.project WHERE id = $1',
        [projectId],
      )
      .then(({ rows }) => ({
        timezone: rows[0]?.timezone ?? TIMEZONE,
        weekStartDay: rows[0]?.week_start_day === 1 ? (1 as const) : (0 as const),
        testAccountFilters: rows[0]?.test_account_filters ?? [],
      }));
    settingsByProject.set(projectId, settings);
  }
  return settings;
}

function userBasic(user: UserProfile | null) {
  return user === null ? null : { ...user, hedgehog_config: null, role_at_organization: null };
}

/** The benchmark's insights have never been computed: the result fields of an insight without results. */
function renderInsight(row: FloorRow, cacheKey: string | null) {
  const legacy = !row.query;
  return {
    id: row.id,
    short_id: row.short_id,
    name: row.name,
    derived_name: row.derived_name,
    filters: legacy ? row.filters : {},
    query: legacy ? null : row.query,
    order: row.order,
    deleted: row.deleted,
    dashboards: row.dashboards,
    dashboard_tiles: [],
    description: row.description,
    tags: row.tags,
    favorited: row.favorited,
    saved: row.saved,
    created_at: row.created_at.toISOString(),
    created_by: userBasic(row.created_by),
    updated_at: row.updated_at.toISOString(),
    last_modified_at: row.last_modified_at.toISOString(),
    last_modified_by: userBasic(row.last_modified_by),
    is_sample: row.is_sample,
    effective_restriction_level: RESTRICTION_EVERYONE_CAN_EDIT,
    user_access_level: USER_ACCESS_LEVEL,
    effective_privilege_level: PRIVILEGE_CAN_EDIT,
    result: null,
    hasMore: null,
    columns: null,
    types: null,
    last_refresh: null,
    is_cached: false,
    cache_target_age: null,
    next_allowed_client_refresh: null,
    query_status: null,
    timezone: null,
    resolved_date_range: null,
    filters_hash: cacheKey,
    refreshing: false,
    alerts: [],
  };
}

const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
// With the bench's user given, viewed, my_last_viewed and activity too (floor-endpoints.ts).
const endpointsDb = process.env.FLOOR_PRINCIPAL
  ? createDb<any>({ connectionString: databaseUrl, maxConnections: 10, applicationName: 'bench-floor' })
  : null;
if (endpointsDb) registerEndpointFloors(app, endpointsDb, JSON.parse(process.env.FLOOR_PRINCIPAL as string));
app.get<{ Params: { project_id: string; id: string } }>(
  '/api/projects/:project_id/insights/:id/',
  async (request, reply) => {
    const projectId = Number(request.params.project_id);
    const id = Number(request.params.id);
    if (!Number.isInteger(projectId) || !Number.isInteger(id)) return reply.status(404).send({ detail: 'Not found.' });
    const { rows } = await pool.query<FloorRow>(RETRIEVE_SQL, [projectId, id]);
    const row = rows[0];
    if (!row) return reply.status(404).send({ detail: 'Not found.' });
    const cacheKey = row.query ? normalizedQueryKey(row.query, await projectSettings(projectId), projectId) : null;
    const cached = cacheKey ? await pool.query(CACHED_SQL, [projectId, [cacheKey]]) : { rows: [] };
    if (cached.rows.length > 0) return reply.status(500).send({ detail: 'the floor renders no cached results' });
    return reply.type('application/json').send(JSON.stringify(renderInsight(row, cacheKey)));
  },
);

await app.listen({ port, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ msg: 'ready', port: typeof address === 'object' ? address?.port : port })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => Promise.all([pool.end(), endpointsDb?.destroy()]))
      .finally(() => process.exit(0));
  });
}
