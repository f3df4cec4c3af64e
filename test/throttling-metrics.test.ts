import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type RunningSystem, seedProject, startSystem } from './support/system.js';

/**
 * Issue 11: the throttles of spec §16 counted across two gateway processes, with PostHog's exact 429 body and a
 * `Retry-After`; allow-listed projects pass; the counters failing open when their store is gone; and `/_metrics`.
 */

const PER_MINUTE = 10;

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let allowed: Awaited<ReturnType<typeof seedProject>>;
let second: string;

beforeAll(async () => {
  system = await startSystem({
    extraEnv: {
      RATE_LIMIT_ENABLED: 'true',
      QUERY_RATE_PER_MINUTE: String(PER_MINUTE),
      AI_RATE_PER_MINUTE: '3',
      // The allow-listed project is the second one the test creates.
      RATE_LIMIT_ALLOW_LIST_PROJECTS: '2',
    },
  });
  seed = await seedProject(system);
  allowed = await seedProject(system);
  expect(allowed.project.id).toBe(2);
  second = await system.startGatewayReplica('gateway-2');
}, 120_000);

afterAll(async () => system?.stop());

const get = async (baseUrl: string, path: string, key: string): Promise<ApiResponse> => {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
};

describe('throttling', () => {
  it('counts one key’s requests across both gateways, and answers PostHog’s 429 with Retry-After', async () => {
    const path = `/api/projects/${seed.project.id}/insights/my_last_viewed/`;
    const answers: ApiResponse[] = [];
    for (let n = 0; n < 3 * PER_MINUTE; n++) answers.push(await get(n % 2 ? second : system.baseUrl, path, seed.key));
    const ok = answers.filter((answer) => answer.status === 200).length;
    const refused = answers.filter((answer) => answer.status === 429);
    expect(ok + refused.length).toBe(answers.length);
    // Never more than the limit across the two; a replica's unspent lease can only make it fewer.
    expect(ok).toBeLessThanOrEqual(PER_MINUTE);
    expect(ok).toBeGreaterThanOrEqual(PER_MINUTE / 2);
    const { body, headers } = refused[0]!;
    const seconds = Number(headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(body).toEqual({
      type: 'throttled_error',
      code: 'throttled',
      detail: `Request was throttled. Expected available in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`,
      attr: null,
    });
  });

  it('throttles only the endpoints of the family, after permissions', async () => {
    const noScope = (
      await system.admin('key', 'create', '--user', String(seed.user.id), '--scopes', 'activity_log:read')
    ).key;
    // A request refused for its scope is never counted, and never answered 429.
    for (let n = 0; n < 3; n++) {
      expect(
        (await get(system.baseUrl, `/api/projects/${seed.project.id}/insights/my_last_viewed/`, noScope)).status,
      ).toBe(403);
    }
    // Insight CRUD is not in a throttle family.
    expect((await get(system.baseUrl, `/api/projects/${seed.project.id}/insights/`, seed.key)).status).toBe(200);
  });

  it('never throttles an allow-listed project', async () => {
    for (let n = 0; n < 2 * PER_MINUTE; n++) {
      const answer = await get(
        n % 2 ? second : system.baseUrl,
        `/api/projects/${allowed.project.id}/insights/trending/`,
        allowed.key,
      );
      expect(answer.status).toBe(200);
    }
  });

  it('fails open when the counters’ store is gone', async () => {
    const key = (await system.admin('key', 'create', '--user', String(seed.user.id), '--scopes', '*')).key;
    const path = `/api/projects/${seed.project.id}/insights/trending/`;
    for (let n = 0; n < 2 * PER_MINUTE; n++) await get(system.baseUrl, path, key);
    expect((await get(system.baseUrl, path, key)).status).toBe(429);

    const nc = await connect({ servers: '127.0.0.1:4222' });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete(`KV_${system.prefix}-throttle-minute`);
    } finally {
      await nc.close();
    }
    // The next claim finds no store: the request goes through, and the failure is logged.
    const answers = [];
    for (let n = 0; n < 3; n++) answers.push((await get(system.baseUrl, path, key)).status);
    expect(answers).toContain(200);
    // Log lines reach stdout in batches, within a tenth of a second.
    await expect
      .poll(() => system.logs.some((line) => line.includes('throttle counters unreachable')), { timeout: 5_000 })
      .toBe(true);
  });
});

describe('/_metrics', () => {
  const scrape = async () => {
    const response = await fetch(`${system.baseUrl}/_metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parsePrometheusTextFormat(await response.text());
  };
  const sample = (
    families: ReturnType<typeof parsePrometheusTextFormat>,
    name: string,
    labels: Record<string, string>,
  ) =>
    Number(
      families
        .find((family) => family.name === name)
        ?.metrics.find((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value))
        ?.value ?? 0,
    );

  it('parses as Prometheus text, and its counters move as requests are answered', async () => {
    const labels = {
      route: '/api/projects/:project_id/insights/:id/',
      method: 'GET',
      status: '404',
      service: 'gateway',
    };
    const before = sample(await scrape(), 'insights_http_requests_total', labels);
    for (let n = 0; n < 3; n++)
      await get(system.baseUrl, `/api/projects/${seed.project.id}/insights/424242/`, seed.key);
    const families = await scrape();
    expect(sample(families, 'insights_http_requests_total', labels)).toBe(before + 3);
    const names = new Set(families.map((family) => family.name));
    for (const name of [
      'insights_http_request_duration_seconds',
      'insights_throttle_decisions_total',
      'insights_rpc_duration_seconds',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(
      sample(families, 'insights_throttle_decisions_total', { family: 'query', outcome: 'throttled' }),
    ).toBeGreaterThan(0);
  });

  it('includes every service’s own metrics, labelled with the service', async () => {
    const families = await scrape();
    const services = new Set(
      families.flatMap((family) => family.metrics.map((metric) => metric.labels?.service)).filter(Boolean),
    );
    for (const service of ['gateway', 'insights', 'views', 'activity', 'tagging']) expect(services).toContain(service);
    expect(families.map((family) => family.name)).toContain('insights_outbox_pending_events');
    expect(families.map((family) => family.name)).toContain('insights_consumer_lag_seconds');
  });
});
