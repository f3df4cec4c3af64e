import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

/**
 * Issue 10 through REST: analyze, suggestions (GET and POST) and generate_metadata answer with real content from the
 * built-in analyst, whose numbers are the insight's own results; every suggested query runs through `/query/`; and a
 * configured model is used, gated by the organization's approval, with the built-in analyst as its fallback.
 */

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let base: string;
const ids: Record<string, number> = {};

const pageviews = { kind: 'EventsNode', event: '$pageview' };
const KINDS: Record<string, Record<string, unknown>> = {
  trends: { kind: 'TrendsQuery', series: [pageviews], dateRange: { date_from: '-14d' } },
  funnels: {
    kind: 'FunnelsQuery',
    series: [pageviews, { kind: 'EventsNode', event: 'signed_up' }, { kind: 'EventsNode', event: 'purchase' }],
    dateRange: { date_from: '-30d' },
  },
  retention: {
    kind: 'RetentionQuery',
    retentionFilter: {
      period: 'Week',
      totalIntervals: 4,
      targetEntity: { id: '$pageview', name: '$pageview', type: 'events' },
      returningEntity: { id: '$pageview', name: '$pageview', type: 'events' },
    },
    dateRange: { date_from: '-28d' },
  },
  stickiness: { kind: 'StickinessQuery', series: [pageviews], dateRange: { date_from: '-7d' } },
  lifecycle: { kind: 'LifecycleQuery', series: [pageviews], dateRange: { date_from: '-7d' } },
};

const grouped = (value: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(value);

beforeAll(async () => {
  system = await startSystem();
  seed = await seedProject(system);
  base = `/api/projects/${seed.project.id}/insights/`;
  await system.admin('events', 'generate', '--project', String(seed.project.id), '--count', '30000', '--seed', '5');
  for (const [kind, source] of Object.entries(KINDS)) {
    const created = await system.api('POST', base, {
      key: seed.key,
      body: { name: `A ${kind} insight`, query: { kind: 'InsightVizNode', source } },
    });
    ids[kind] = created.body.id;
  }
}, 120_000);

afterAll(async () => system?.stop());

const results = async (kind: string) =>
  (await system.api('GET', `${base}${ids[kind]}/?refresh=blocking`, { key: seed.key })).body.result;

describe('analyze', () => {
  it('states a trend’s total, which is the sum of its results', async () => {
    const response = await system.api('GET', `${base}${ids.trends}/analyze/`, { key: seed.key });
    expect(response.status).toBe(200);
    const total = (await results('trends'))[0].data.reduce((sum: number, value: number) => sum + value, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(100_000);
    expect(response.body.result).toContain(grouped(total));
    expect(response.body.result).not.toMatch(/[*#`]/);
  });

  it('states a funnel’s overall conversion, last step over first', async () => {
    const response = await system.api('GET', `${base}${ids.funnels}/analyze/`, { key: seed.key });
    const steps = await results('funnels');
    const conversion = (steps[steps.length - 1].count / steps[0].count) * 100;
    expect(response.body.result).toContain(`${conversion.toFixed(1)}%`);
  });

  it('answers every kind with a few lines of plain text', async () => {
    for (const kind of Object.keys(KINDS)) {
      const response = await system.api('GET', `${base}${ids[kind]}/analyze/`, { key: seed.key });
      expect(response.status, kind).toBe(200);
      expect(response.body.result.split('\n').filter(Boolean).length, kind).toBeGreaterThanOrEqual(3);
    }
  });

  it('answers an empty result for an insight without a query, 404 for an unknown one, and CSV on request', async () => {
    const plain = await system.api('POST', base, { key: seed.key, body: { name: 'No query' } });
    expect((await system.api('GET', `${base}${plain.body.id}/analyze/`, { key: seed.key })).body).toEqual({
      result: '',
    });
    expect((await system.api('GET', `${base}999999/analyze/`, { key: seed.key })).status).toBe(404);
    const csv = await system.api('GET', `${base}${ids.trends}/analyze/?format=csv`, { key: seed.key });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split(/\r?\n/)[0]).toBe('result');
  });

  it('checks object access: an insight shared with nobody is 403 for a project viewer', async () => {
    const viewer = await system.admin(
      'user',
      'create',
      '--email',
      `v${Date.now()}@example.com`,
      '--project',
      String(seed.project.id),
      '--level',
      'viewer',
    );
    const { key } = await system.admin('key', 'create', '--user', String(viewer.id), '--scopes', 'insight:read');
    await system.admin(
      'access',
      'set',
      '--insight',
      String(ids.trends),
      '--user',
      String(viewer.id),
      '--level',
      'none',
    );
    const refused = await system.api('GET', `${base}${ids.trends}/analyze/`, { key });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('You do not have viewer access to this resource.');
    expect((await system.api('GET', `${base}${ids.funnels}/suggestions/`, { key })).status).toBe(200);
  });
});

describe('suggestions', () => {
  it('gives at least two for every kind, each a query /query/ runs', async () => {
    for (const kind of Object.keys(KINDS)) {
      const response = await system.api('GET', `${base}${ids[kind]}/suggestions/`, { key: seed.key });
      expect(response.status, kind).toBe(200);
      expect(response.body.length, kind).toBeGreaterThanOrEqual(2);
      for (const suggestion of response.body) {
        expect(suggestion.title.length).toBeGreaterThan(0);
        const run = await system.api('POST', `/api/projects/${seed.project.id}/query/`, {
          key: seed.key,
          body: { query: suggestion.targetQuery },
        });
        expect(run.status, `${kind}: ${suggestion.title}`).toBe(200);
      }
    }
  });

  it('puts retention’s two heuristic suggestions first, exactly as PostHog words them', async () => {
    const response = await system.api('POST', `${base}${ids.retention}/suggestions/`, {
      key: seed.key,
      body: { context: 'an earlier analysis' },
    });
    expect(
      response.body.slice(0, 2).map((s: { title: string; description: string }) => [s.title, s.description]),
    ).toEqual([
      [
        'Stickiness of users who performed $pageview',
        'See how frequently retained users perform this event (days per week)',
      ],
      [
        'Lifecycle of users who perform $pageview',
        'See lifecycle of users who perform this event (new vs returning vs resurrecting vs dormant)',
      ],
    ]);
    expect(response.body[0].targetQuery.source).toMatchObject({ kind: 'StickinessQuery', interval: 'day' });
  });
});

describe('generate_metadata', () => {
  const generate = (body: unknown, key = seed.key) => system.api('POST', `${base}generate_metadata/`, { key, body });

  it('names each kind differently, within PostHog’s limits', async () => {
    const names = new Set<string>();
    for (const source of Object.values(KINDS)) {
      const response = await generate({ query: { kind: 'InsightVizNode', source } });
      expect(response.status).toBe(200);
      expect(response.body.name.length).toBeLessThanOrEqual(100);
      expect(response.body.description.length).toBeLessThanOrEqual(200);
      names.add(response.body.name);
    }
    expect(names.size).toBe(Object.keys(KINDS).length);
    const events = await generate({ query: { kind: 'EventsQuery', select: ['*'], event: '$pageview' } });
    expect(events.status).toBe(200);
  });

  it('refuses a body without a query, and a query of an unknown kind', async () => {
    expect(await generate({})).toMatchObject({
      status: 400,
      body: {
        type: 'validation_error',
        code: 'invalid_input',
        detail: "Missing 'query' field in request body",
        attr: null,
      },
    });
    const unknown = await generate({ query: { kind: 'SomeRandomQuery' } });
    expect(unknown.status).toBe(400);
  });

  it('needs insight:write', async () => {
    const { key } = await system.admin('key', 'create', '--user', String(seed.user.id), '--scopes', 'insight:read');
    const refused = await generate({ query: { kind: 'InsightVizNode', source: KINDS.trends } }, key);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("API key missing required scope 'insight:write'");
  });
});

describe('with an external model configured', () => {
  let model: Server;
  let modelSystem: RunningSystem;
  const prompts: unknown[] = [];
  let answer = 'From the model: pageviews held steady.';

  beforeAll(async () => {
    model = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        prompts.push(JSON.parse(body));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: answer } }] }));
      });
    });
    await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', () => resolve()));
    const address = model.address() as { port: number };
    modelSystem = await startSystem({
      extraEnv: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `http://127.0.0.1:${address.port}/v1` },
    });
  }, 90_000);

  afterAll(async () => {
    await modelSystem?.stop();
    model?.close();
  });

  it('needs the organization’s approval, then answers with the model, and falls back to the analyst on garbage', async () => {
    const unapproved = await seedProject(modelSystem);
    const projectBase = `/api/projects/${unapproved.project.id}/insights/`;
    const created = await modelSystem.api('POST', projectBase, {
      key: unapproved.key,
      body: { name: 'Gated', query: { kind: 'InsightVizNode', source: KINDS.trends } },
    });
    const refused = await modelSystem.api('GET', `${projectBase}${created.body.id}/analyze/`, { key: unapproved.key });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('AI data processing must be approved by your organization');
    expect(prompts).toEqual([]);

    const org = await modelSystem.admin('org', 'create', '--name', 'Approved', '--ai-approved');
    const project = await modelSystem.admin('project', 'create', '--name', 'Approved', '--org', org.id);
    await modelSystem.admin(
      'member',
      'add',
      '--project',
      String(project.id),
      '--user',
      String(unapproved.user.id),
      '--level',
      'editor',
    );
    const approvedBase = `/api/projects/${project.id}/insights/`;
    const insight = await modelSystem.api('POST', approvedBase, {
      key: unapproved.key,
      body: { name: 'Approved', query: { kind: 'InsightVizNode', source: KINDS.trends } },
    });
    const analysis = await modelSystem.api('GET', `${approvedBase}${insight.body.id}/analyze/`, {
      key: unapproved.key,
    });
    expect(analysis.body).toEqual({ result: 'From the model: pageviews held steady.' });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ model: 'gpt-4.1-mini', temperature: 0 });

    answer = '';
    const fallback = await modelSystem.api('GET', `${approvedBase}${insight.body.id}/analyze/`, {
      key: unapproved.key,
    });
    expect(fallback.status).toBe(200);
    expect(fallback.body.result).not.toBe('');
    expect(fallback.body.result).not.toContain('From the model');
  });
});
