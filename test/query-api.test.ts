import { createDb } from '@insights/db';
import {
  type Dataset,
  expectedQueryResponse,
  findMismatch,
  generateDataset,
  loadDataset,
  type OracleProject,
  pickKeys,
  TEST_ACCOUNT_FILTERS,
} from '@insights/query-engine/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

/**
 * Issue 9, through REST: `POST /query/` answers what an independent computation (plain loops over the same events, in
 * `@insights/query-engine/testing`) expects, field by field, in several timezones; with spec §7's envelope, cache and
 * refresh modes; and insights show their query's results (spec §9).
 */

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let db: Kysely<any>;
const projects: { id: number; settings: OracleProject; dataset: Dataset }[] = [];

const TIMEZONES = ['UTC', 'Europe/London', 'America/New_York'];

beforeAll(async () => {
  system = await startSystem();
  seed = await seedProject(system);
  db = createDb<any>({ connectionString: system.database.url });
  for (const [index, timezone] of TIMEZONES.entries()) {
    const id =
      index === 0
        ? seed.project.id
        : (await system.admin('project', 'create', '--name', `tz ${timezone}`, '--org', seed.org.id)).id;
    if (index > 0)
      await system.admin('member', 'add', '--project', String(id), '--user', String(seed.user.id), '--level', 'editor');
    await system.admin(
      'project',
      'set',
      '--id',
      String(id),
      '--timezone',
      timezone,
      '--week-start-day',
      String(index % 2),
      '--test-account-filters',
      JSON.stringify(TEST_ACCOUNT_FILTERS),
    );
    const dataset = {
      ...generateDataset({ seed: 7 + index, end: new Date(), days: 40, eventCount: 1800, personCount: 90 }),
      projectId: id,
    };
    await loadDataset(db, 'insights', dataset);
    projects.push({
      id,
      settings: { timezone, weekStartDay: index % 2 === 0 ? 0 : 1, testAccountFilters: TEST_ACCOUNT_FILTERS },
      dataset,
    });
  }
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await system?.stop();
});

const query = (projectId: number, body: Record<string, unknown>) =>
  system.api('POST', `/api/projects/${projectId}/query/`, { key: seed.key, body });

const pageviews = { kind: 'EventsNode', event: '$pageview' };
const NODES: Record<string, Record<string, unknown>> = {
  'trends, total daily over the default range': { kind: 'TrendsQuery', series: [pageviews] },
  'trends, unique users by $browser': {
    kind: 'TrendsQuery',
    series: [{ ...pageviews, math: 'dau' }],
    breakdownFilter: { breakdown: '$browser', breakdown_limit: 3 },
    dateRange: { date_from: '-14d' },
  },
  'trends, sum of amount weekly with compare': {
    kind: 'TrendsQuery',
    series: [{ kind: 'EventsNode', event: 'purchase', math: 'sum', math_property: 'amount' }],
    interval: 'week',
    dateRange: { date_from: '-30d' },
    compareFilter: { compare: true },
  },
  'trends, a formula over two series, test accounts filtered': {
    kind: 'TrendsQuery',
    series: [pageviews, { kind: 'EventsNode', event: 'signed_up' }],
    trendsFilter: { formula: 'B / A' },
    filterTestAccounts: true,
  },
  'funnel, three steps in a 14-day window': {
    kind: 'FunnelsQuery',
    series: [pageviews, { kind: 'EventsNode', event: 'signed_up' }, { kind: 'EventsNode', event: 'purchase' }],
    funnelsFilter: { funnelWindowInterval: 14, funnelWindowIntervalUnit: 'day' },
    dateRange: { date_from: '-30d' },
  },
  'retention, weekly': {
    kind: 'RetentionQuery',
    retentionFilter: { period: 'Week', totalIntervals: 5 },
    dateRange: { date_from: '-35d' },
  },
  'stickiness, daily': { kind: 'StickinessQuery', series: [pageviews], dateRange: { date_from: '-14d' } },
  'lifecycle, daily, wrapped in an InsightVizNode': {
    kind: 'InsightVizNode',
    source: { kind: 'LifecycleQuery', series: [pageviews], dateRange: { date_from: '-14d' } },
  },
};

describe('POST /query/ against the independent computation', () => {
  for (const [name, node] of Object.entries(NODES)) {
    it(`answers ${name} as expected in every timezone`, async () => {
      for (const project of projects) {
        const now = new Date();
        const response = await query(project.id, { query: node, refresh: 'force_blocking' });
        expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(200);
        const expected = expectedQueryResponse(node, project.dataset, project.settings, now);
        expect((expected.results as unknown[]).length, 'the oracle expects some results').toBeGreaterThan(0);
        expect(findMismatch(pickKeys(response.body, expected), expected), project.settings.timezone).toBeNull();
        expect(response.body.timezone).toBe(project.settings.timezone);
      }
    });
  }
});

describe('the results cache and refresh modes (spec §7)', () => {
  const node = { kind: 'TrendsQuery', series: [pageviews], dateRange: { date_from: '-3d' } };

  it('computes once, then serves the cached result with the envelope until it is stale', async () => {
    const projectId = projects[0]!.id;
    const first = await query(projectId, { query: node, refresh: 'force_blocking' });
    const second = await query(projectId, { query: node });
    expect(first.body.is_cached).toBe(false);
    expect(second.body).toMatchObject({
      is_cached: true,
      cache_key: first.body.cache_key,
      results: first.body.results,
    });
    expect(second.body.last_refresh).toBe(first.body.last_refresh);
    const lastRefresh = Date.parse(first.body.last_refresh);
    // Daily interval: stale after 6 hours; a range of at most 7 days may be refreshed after 3 minutes.
    expect(Date.parse(first.body.cache_target_age) - lastRefresh).toBe(6 * 3_600_000);
    expect(Date.parse(first.body.next_allowed_client_refresh) - lastRefresh).toBe(3 * 60_000);
    expect(first.body.cache_key).toMatch(/^cache_[0-9a-f]{32}$/);
    const forced = await query(projectId, { query: node, refresh: true });
    expect(forced.body.is_cached).toBe(false);
    // force_cache is upgraded to blocking on this endpoint: fresh results are served, never a cache miss.
    expect((await query(projectId, { query: node, refresh: 'force_cache' })).body.is_cached).toBe(true);
  });

  it('a changed query is a different cache entry', async () => {
    const projectId = projects[0]!.id;
    const a = await query(projectId, { query: node });
    const b = await query(projectId, { query: { ...node, interval: 'hour' } });
    expect(b.body.cache_key).not.toBe(a.body.cache_key);
    expect(b.body.is_cached).toBe(false);
  });

  it('recomputes a past range once events of its days arrive late, instead of serving the old answer', async () => {
    const projectId = projects[0]!.id;
    const day = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const past = {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: 'late arrival' }],
      dateRange: { date_from: day, date_to: day },
    };
    const before = await query(projectId, { query: past });
    expect(before.body.results[0].count).toBe(0);
    expect(before.body.cache_target_age).toBeNull();
    expect((await query(projectId, { query: past })).body.is_cached).toBe(true);

    const capture = await fetch(`${system.baseUrl}/batch/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        api_key: seed.project.api_token,
        batch: [{ event: 'late arrival', distinct_id: 'late', timestamp: `${day}T12:00:00Z` }],
      }),
    });
    expect(capture.status).toBe(200);
    const after = await eventually(
      () => query(projectId, { query: past }),
      (response) => response.body.results[0].count === 1,
      20_000,
    );
    expect(after.body).toMatchObject({ is_cached: false });
  });

  it('async: answers 202 with a query status at once, and the status route gives the results once complete', async () => {
    const projectId = projects[1]!.id;
    const asyncNode = { kind: 'StickinessQuery', series: [pageviews], dateRange: { date_from: '-9d' } };
    const accepted = await query(projectId, { query: asyncNode, refresh: 'async', client_query_id: 'async-1' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      query_status: { id: 'async-1', query_async: true, complete: false, error: false, team_id: projectId },
    });
    const done = await eventually(
      () => system.api('GET', `/api/projects/${projectId}/query/async-1/`, { key: seed.key }),
      (response) => response.status === 200,
      20_000,
    );
    expect(done.body.query_status.complete).toBe(true);
    const direct = await query(projectId, { query: asyncNode });
    expect(done.body.query_status.results.results).toEqual(direct.body.results);
    const unknown = await system.api('GET', `/api/projects/${projectId}/query/nothing-like-it/`, { key: seed.key });
    expect(unknown.status).toBe(404);
  });

  it('refuses what the engine does not support with a 400 naming the field, and a malformed query as parse_error', async () => {
    const projectId = projects[0]!.id;
    const hogql = await query(projectId, { query: { kind: 'HogQLQuery', query: 'select 1' } });
    expect(hogql.status).toBe(400);
    expect(hogql.body).toMatchObject({ type: 'validation_error' });
    const unknownKey = await query(projectId, { query: { kind: 'TrendsQuery', series: [pageviews], colour: 'red' } });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body).toMatchObject({ type: 'invalid_request', code: 'parse_error' });
    const groups = await query(projectId, {
      query: { kind: 'TrendsQuery', series: [pageviews], aggregation_group_type_index: 0 },
    });
    expect(groups.status).toBe(400);
    expect(groups.body.attr).toContain('aggregation_group_type_index');
  });
});

describe('insights show their query’s results (spec §9)', () => {
  it('serves nothing by default, computes on refresh, then serves the cached result', async () => {
    const projectId = projects[2]!.id;
    const base = `/api/projects/${projectId}/insights/`;
    const node = {
      kind: 'InsightVizNode',
      source: { kind: 'TrendsQuery', series: [pageviews], dateRange: { date_from: '-5d' } },
    };
    const created = await system.api('POST', base, { key: seed.key, body: { name: 'With results', query: node } });
    expect(created.status).toBe(201);

    const plain = await system.api('GET', `${base}${created.body.id}/`, { key: seed.key });
    expect(plain.body).toMatchObject({ result: null, is_cached: false, last_refresh: null, timezone: null });
    expect(plain.body.filters_hash).toMatch(/^cache_/);

    const refreshed = await system.api('GET', `${base}${created.body.id}/?refresh=true`, { key: seed.key });
    expect(refreshed.body).toMatchObject({ is_cached: false, timezone: 'America/New_York' });
    const expected = expectedQueryResponse(node, projects[2]!.dataset, projects[2]!.settings, new Date());
    expect(refreshed.body.result).toEqual(expected.results);
    expect(refreshed.body.filters_hash).toBe(plain.body.filters_hash);

    const cached = await system.api('GET', `${base}${created.body.id}/`, { key: seed.key });
    expect(cached.body).toMatchObject({ is_cached: true, result: refreshed.body.result, timezone: 'America/New_York' });
    const listed = await system.api('GET', `${base}?short_id=${created.body.short_id}`, { key: seed.key });
    expect(listed.body.results[0]).toMatchObject({ is_cached: true, result: refreshed.body.result });
  });

  it('needs query:read or insight:read to run queries', async () => {
    const projectId = projects[0]!.id;
    const { key: queryKey } = await system.admin(
      'key',
      'create',
      '--user',
      String(seed.user.id),
      '--scopes',
      'query:read',
    );
    const { key: activityKey } = await system.admin(
      'key',
      'create',
      '--user',
      String(seed.user.id),
      '--scopes',
      'activity_log:read',
    );
    const body = { query: { kind: 'TrendsQuery', series: [pageviews] } };
    expect((await system.api('POST', `/api/projects/${projectId}/query/`, { key: queryKey, body })).status).toBe(200);
    const refused = await system.api('POST', `/api/projects/${projectId}/query/`, { key: activityKey, body });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("API key missing required scope 'query:read'");
  });
});
