import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnalyst } from './create-analyst.js';
import { analysisFocus } from './model/analysis-prompt.js';
import { startFakeChatCompletionsServer } from './model/testing/fake-chat-completions-server.js';

const API_KEY = 'sk-test-key';
const TIMEOUT_MS = 300;
const request = { timezone: 'UTC', teamId: 7, requestId: 'req-42' };
const DAYS = ['2025-01-01', '2025-01-02'];
const trendsQuery = {
  kind: 'InsightVizNode',
  source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }], interval: 'day' },
};
const trendsResults = [
  {
    data: [1, 3],
    days: DAYS,
    count: 4,
    label: '$pageview',
    order: 0,
    action: { id: '$pageview' },
    persons_urls: ['/p'],
  },
];
const retentionQuery = {
  kind: 'InsightVizNode',
  source: { kind: 'RetentionQuery', retentionFilter: { returningEntity: { id: '$pageview', type: 'events' } } },
};
const retentionResults = [{ label: 'Day 0', date: '2025-01-01T00:00:00Z', values: [{ count: 3 }, { count: 1 }] }];

const builtIn = createAnalyst();
let fake: Awaited<ReturnType<typeof startFakeChatCompletionsServer>>;
let warnings: Array<{ obj: unknown; msg: string }>;

function modelAnalyst(extra: { model?: string } = {}) {
  return createAnalyst({
    llm: { apiKey: API_KEY, baseUrl: `${fake.baseUrl}/`, timeoutMs: TIMEOUT_MS, ...extra },
    log: { warn: (obj, msg) => warnings.push({ obj, msg }) },
  });
}

function lastPrompt() {
  const body = fake.requests[fake.requests.length - 1]!.body;
  return { body, system: body.messages[0]!.content, user: body.messages[1]!.content };
}

beforeAll(async () => {
  fake = await startFakeChatCompletionsServer();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  warnings = [];
  fake.requests.length = 0;
});

describe('analyze with a model', () => {
  it('returns the model text and sends the prompt of §4', async () => {
    fake.reply({ content: '  Pageviews tripled.\n- 1 → 3\nTakeaway: check the release.  ' });
    const text = await modelAnalyst({ model: 'test-model' }).analyze({
      ...request,
      query: trendsQuery,
      results: trendsResults,
      insightName: 'Traffic',
      insightDescription: 'All pageviews',
    });

    expect(text).toBe('Pageviews tripled.\n- 1 → 3\nTakeaway: check the release.');
    const recorded = fake.requests[0]!;
    expect(recorded.method).toBe('POST');
    expect(recorded.path).toBe('/v1/chat/completions');
    expect(recorded.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const { body, system, user } = lastPrompt();
    expect(body).toMatchObject({ model: 'test-model', temperature: 0, user: 'team/7/analysis' });
    expect(body.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(system).toMatch(/data analyst/);
    expect(user).toContain(analysisFocus('TrendsQuery'));
    expect(user).toContain('Insight Name: Traffic');
    expect(user).toContain('Insight Description: All pageviews');
    expect(user).toContain(`Query Configuration: ${JSON.stringify(trendsQuery)}`);
    expect(user).toContain(
      `Results Summary: ${JSON.stringify([{ data: [1, 3], days: DAYS, count: 4, label: '$pageview', order: 0 }])}`,
    );
    expect(user).toMatch(/no markdown/);
    expect(warnings).toEqual([]);
  });

  it('uses each kind its own instruction and says when there are no results', async () => {
    fake.reply({ content: 'ok' });
    await modelAnalyst().analyze({ ...request, query: retentionQuery, results: null });
    const { body, user } = lastPrompt();
    expect(body.model).toBe('gpt-4.1-mini');
    expect(user).toContain(analysisFocus('RetentionQuery'));
    expect(user).not.toContain(analysisFocus('TrendsQuery'));
    expect(user).toContain('Results Summary: No results available');
    expect(user).not.toContain('Insight Name:');
  });

  it('drops null keys from the query it sends', async () => {
    fake.reply({ content: 'ok' });
    const query = {
      ...trendsQuery,
      source: { ...trendsQuery.source, breakdownFilter: null, dateRange: { date_from: '-7d', date_to: null } },
    };
    await modelAnalyst().analyze({ ...request, query, results: trendsResults });
    expect(lastPrompt().user).toContain(
      `Query Configuration: ${JSON.stringify({ ...trendsQuery, source: { ...trendsQuery.source, dateRange: { date_from: '-7d' } } })}`,
    );
  });

  it.each([
    ['an HTTP 500', { status: 500 }],
    ['an empty answer', { content: '   ' }],
  ])('falls back to the built-in analysis on %s, logged with the request id', async (_, reply) => {
    fake.reply(reply);
    const text = await modelAnalyst().analyze({ ...request, query: trendsQuery, results: trendsResults });
    expect(text).toBe(await builtIn.analyze({ ...request, query: trendsQuery, results: trendsResults }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.obj).toMatchObject({ requestId: 'req-42', feature: 'analysis' });
    expect(JSON.stringify(warnings)).not.toContain(API_KEY);
  });

  it('gives up on a model that never answers within the timeout', async () => {
    fake.reply({ hang: true });
    const started = performance.now();
    const text = await modelAnalyst().analyze({ ...request, query: trendsQuery, results: trendsResults });
    const elapsed = performance.now() - started;
    expect(text).toBe(await builtIn.analyze({ ...request, query: trendsQuery, results: trendsResults }));
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
    expect(warnings[0]!.obj).toMatchObject({ requestId: 'req-42', error: expect.stringContaining('TimeoutError') });
  });

  it('does not call the model for a query it cannot analyse', async () => {
    expect(
      await modelAnalyst().analyze({ ...request, query: { kind: 'HogQLQuery', query: 'select 1' }, results: [] }),
    ).toBe('');
    expect(fake.requests).toHaveLength(0);
  });
});

const validSuggestion = {
  title: 'Pageviews by browser',
  description: 'See which browsers drive traffic.',
  query_json: {
    kind: 'InsightVizNode',
    source: {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: '$pageview', math: null }],
      breakdownFilter: { breakdown: '$browser', breakdown_type: 'event' },
    },
  },
};
const actionSuggestion = {
  title: 'Signups',
  description: 'Uses an action',
  query_json: { kind: 'InsightVizNode', source: { kind: 'TrendsQuery', series: [{ kind: 'ActionsNode', id: 3 }] } },
};
const unknownKeySuggestion = {
  title: 'Bar chart',
  query_json: {
    kind: 'InsightVizNode',
    source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: 'x' }], display: 'ActionsBar' },
  },
};

describe('suggestions with a model', () => {
  it('puts the retention heuristics first, then the valid model suggestions, dropping invalid ones', async () => {
    fake.reply({ content: JSON.stringify([validSuggestion, actionSuggestion, unknownKeySuggestion, 'junk']) });
    const suggestions = await modelAnalyst().suggest({ ...request, query: retentionQuery, results: retentionResults });

    expect(suggestions.map((suggestion) => suggestion.title)).toEqual([
      'Stickiness of users who performed $pageview',
      'Lifecycle of users who perform $pageview',
      'Pageviews by browser',
    ]);
    expect(suggestions[2]).toEqual({
      title: 'Pageviews by browser',
      description: 'See which browsers drive traffic.',
      targetQuery: {
        kind: 'InsightVizNode',
        source: {
          kind: 'TrendsQuery',
          series: [{ kind: 'EventsNode', event: '$pageview' }],
          breakdownFilter: { breakdown: '$browser', breakdown_type: 'event' },
        },
      },
    });
  });

  it('reads fenced JSON and gives a missing description as null', async () => {
    const { description: _description, ...withoutDescription } = validSuggestion;
    fake.reply({ content: `\`\`\`json\n${JSON.stringify([withoutDescription])}\n\`\`\`` });
    const suggestions = await modelAnalyst().suggest({ ...request, query: trendsQuery, results: trendsResults });
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.description).toBeNull();
  });

  it('sends the query, the results summary, the context and the team in the prompt of §5', async () => {
    fake.reply({ content: JSON.stringify([validSuggestion]) });
    await modelAnalyst().suggest({
      ...request,
      query: trendsQuery,
      results: trendsResults,
      context: 'Traffic tripled on Jan 2.',
    });
    const { body, system, user } = lastPrompt();
    expect(body).toMatchObject({ temperature: 0, user: 'team/7/suggestions' });
    expect(system).toMatch(/JSON array/);
    expect(user).toContain('3 follow-up insights');
    expect(user).toContain('query_json');
    expect(user).toContain('breakdownFilter');
    expect(user).toContain(`Current Query: ${JSON.stringify(trendsQuery)}`);
    expect(user).toContain('Results Summary: [{"data":[1,3]');
    expect(user).toContain('Previous Analysis Context:\nTraffic tripled on Jan 2.');
  });

  it.each([
    ['garbage', { content: 'Sorry, I cannot do that.' }],
    ['only unusable suggestions', { content: JSON.stringify([actionSuggestion, unknownKeySuggestion]) }],
    ['an HTTP 500', { status: 500 }],
    ['a hang', { hang: true as const }],
  ])('falls back to the built-in follow-ups on %s', async (_, reply) => {
    fake.reply(reply);
    const input = { ...request, query: retentionQuery, results: retentionResults };
    const suggestions = await modelAnalyst().suggest(input);
    expect(suggestions).toEqual(await builtIn.suggest(input));
    expect(suggestions.slice(0, 2).map((suggestion) => suggestion.title)).toEqual([
      'Stickiness of users who performed $pageview',
      'Lifecycle of users who perform $pageview',
    ]);
    expect(warnings[0]!.obj).toMatchObject({ requestId: 'req-42', feature: 'suggestions' });
  });

  it('does not ask the model without results, as PostHog does not', async () => {
    const input = { ...request, query: trendsQuery, results: [] };
    expect(await modelAnalyst().suggest(input)).toEqual(await builtIn.suggest(input));
    expect(fake.requests).toHaveLength(0);
  });
});

describe('generate_metadata with a model', () => {
  it('cleans the model name and description and sends the prompt of §9', async () => {
    fake.reply({ content: '{"name": " \\"Daily Pageviews\\" ", "description": "  Pageviews per day.  "}' });
    const metadata = await modelAnalyst().generateMetadata({ query: trendsQuery, teamId: 7, requestId: 'req-42' });

    expect(metadata).toEqual({ name: 'Daily Pageviews', description: 'Pageviews per day.' });
    const { body, system, user } = lastPrompt();
    expect(body).toMatchObject({ temperature: 0, user: 'team/7/generate-insight-metadata' });
    expect(system).toMatch(/"name" and "description"/);
    expect(user).toContain('Type: TrendsQuery\nSeries: $pageview\nInterval: day');
    expect(user).toContain('This is a TRENDS insight');
    expect(user).toContain('Title Case');
    expect(user).toContain('3 to 12 words');
    expect(user).toContain('"by <dimension>" only when there is a breakdown');
  });

  it('tolerates fences and prose, and truncates long answers', async () => {
    const longName = 'N'.repeat(120);
    fake.reply({ content: `Sure!\n\`\`\`json\n{"name": "${longName}", "description": "${'d'.repeat(250)}"}\n\`\`\`` });
    const metadata = await modelAnalyst().generateMetadata({ query: trendsQuery, teamId: 7, requestId: 'req-42' });
    expect(metadata.name).toBe(`${'N'.repeat(97)}...`);
    expect(metadata.description).toBe(`${'d'.repeat(197)}...`);
  });

  it.each([
    ['garbage', { content: 'Pageviews' }],
    ['a JSON object without a name', { content: '{"title": "x", "description": "y"}' }],
    ['an HTTP 500', { status: 500 }],
    ['a hang', { hang: true as const }],
  ])('falls back to the built-in name on %s instead of failing', async (_, reply) => {
    fake.reply(reply);
    const input = { query: trendsQuery, teamId: 7, requestId: 'req-42' };
    expect(await modelAnalyst().generateMetadata(input)).toEqual(await builtIn.generateMetadata(input));
    expect(warnings[0]!.obj).toMatchObject({ requestId: 'req-42', feature: 'metadata' });
  });
});
