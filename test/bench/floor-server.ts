/**
 * The floor: what retrieving an insight costs with nothing but fastify 5 and one pg statement. No authentication, no
 * NATS, no tRPC, no logging. It renders the same JSON, key for key, as the gateway's insight retrieve, so the
 * difference between the two is the price of the architecture. Run as its own process:
 *   DATABASE_URL=postgres://… PORT=8123 tsx test/bench/floor-server.ts
 */
import Fastify from 'fastify';
import pg from 'pg';

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

// One round trip: the row, both authors (json keeps the column order) and the sorted tag names.
const RETRIEVE_SQL = `
  SELECT i.id, i.short_id, i.name, i.derived_name, i.description, i.filters, i.query, i."order", i.deleted, i.saved,
    i.favorited, i.is_sample, i.dashboards, i.created_at, i.updated_at, i.last_modified_at,
    row_to_json(cb) AS created_by, row_to_json(lb) AS last_modified_by,
    ARRAY(
      SELECT t.name FROM tagging.tagged_item ti JOIN tagging.tag t ON t.id = ti.tag_id
      WHERE ti.project_id = i.project_id AND ti.insight_id = i.id ORDER BY t.name
    ) AS tags
  FROM insights.insight i
  LEFT JOIN insights.user_profile cb ON cb.id = i.created_by
  LEFT JOIN insights.user_profile lb ON lb.id = i.last_modified_by
  WHERE i.project_id = $1 AND i.id = $2 AND NOT i.deleted`;

function userBasic(user: UserProfile | null) {
  return user === null ? null : { ...user, hedgehog_config: null, role_at_organization: null };
}

function renderInsight(row: FloorRow) {
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
    last_refresh: null,
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
    effective_privilege_level: PRIVILEGE_CAN_EDIT,
    user_access_level: USER_ACCESS_LEVEL,
    timezone: TIMEZONE,
    refreshing: false,
    alerts: [],
  };
}

const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
app.get<{ Params: { project_id: string; id: string } }>(
  '/api/projects/:project_id/insights/:id/',
  async (request, reply) => {
    const projectId = Number(request.params.project_id);
    const id = Number(request.params.id);
    if (!Number.isInteger(projectId) || !Number.isInteger(id)) return reply.status(404).send({ detail: 'Not found.' });
    const { rows } = await pool.query<FloorRow>(RETRIEVE_SQL, [projectId, id]);
    const row = rows[0];
    if (!row) return reply.status(404).send({ detail: 'Not found.' });
    return reply.type('application/json').send(JSON.stringify(renderInsight(row)));
  },
);

await app.listen({ port, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ msg: 'ready', port: typeof address === 'object' ? address?.port : port })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}
