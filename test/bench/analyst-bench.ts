import { parseArgs } from 'node:util';
import { type BenchSession, formatWall, runBenchSession, startBenchSystem } from './bench-session.js';
import { generateBenchEventsLogged } from './generate-bench-events.js';
import { createLoadClient, type LatencyResult, measureInRounds, median, type RoundSubject } from './load.js';

/** The target: each analyst call's p50 at most this much over the retrieve it builds on. */
const MAX_OVER_RETRIEVE_MS = 5;
const EVENT_DAYS = 30;
const WARMUP = 20;

const TRENDS_INSIGHT = {
  kind: 'InsightVizNode',
  source: {
    kind: 'TrendsQuery',
    series: [{ kind: 'EventsNode', event: '$pageview' }],
    interval: 'day',
    dateRange: { date_from: '-30d' },
  },
};

function readOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '5' },
      requests: { type: 'string', default: '100' },
    },
  });
  const positive = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  return { events: positive('events'), rounds: positive('rounds'), requests: positive('requests') };
}

/**
 * `pnpm bench analyst`: analyze, suggestions and generate_metadata of a trends insight whose results are cached (the
 * built-in analyst), next to the insight retrieve they build on, alternated in rounds; the system as separate
 * processes on NATS over `--events` (100,000) generated events.
 */
export async function runAnalystBench(args: string[]): Promise<void> {
  const startedAt = performance.now();
  const options = readOptions(args);
  await runBenchSession(async (session: BenchSession) => {
    const { log } = session;
    const { system, seed } = await startBenchSystem(session);
    const projectId = seed.project.id as number;
    await generateBenchEventsLogged(system, log, {
      projectId,
      count: options.events,
      days: EVENT_DAYS,
    });

    const http = createLoadClient(
      { name: 'full path', baseUrl: system.baseUrl, headers: { authorization: `Bearer ${seed.key}` } },
      4,
    );
    session.defer(() => http.close());
    const api = `/api/projects/${projectId}/insights`;
    const created = await http.send('POST', `${api}/`, { name: 'Pageviews', query: TRENDS_INSIGHT });
    const insightPath = `${api}/${JSON.parse(created.body).id}/`;
    const computed = JSON.parse(await http.get(`${insightPath}?refresh=blocking`)) as { result: unknown };
    if (!Array.isArray(computed.result)) throw new Error('the insight has no results after ?refresh=blocking');

    // Every call answers with real content, from the cached results (the retrieve shows them: nothing computes).
    const retrieved = JSON.parse(await http.get(insightPath)) as { result: unknown };
    const analysis = JSON.parse(await http.get(`${insightPath}analyze/`)) as { result: string };
    const suggestions = JSON.parse(await http.get(`${insightPath}suggestions/`)) as unknown[];
    const metadata = JSON.parse((await http.send('POST', `${api}/generate_metadata/`, { query: TRENDS_INSIGHT })).body);
    if (!Array.isArray(retrieved.result) || !analysis.result || suggestions.length === 0 || !metadata.name) {
      throw new Error('the analyst answered without content, or the retrieve without the cached results');
    }
    log(
      `analyze: "${analysis.result.split('\n')[0]}"; ${suggestions.length} suggestions; metadata name "${metadata.name}"`,
    );

    const subjects: RoundSubject[] = [
      { name: 'retrieve', call: () => () => http.get(insightPath) },
      { name: 'analyze', call: () => () => http.get(`${insightPath}analyze/`) },
      { name: 'suggestions', call: () => () => http.get(`${insightPath}suggestions/`) },
      {
        name: 'generate_metadata',
        call: () => () => http.send('POST', `${api}/generate_metadata/`, { query: TRENDS_INSIGHT }),
      },
    ];
    const rounds = await measureInRounds(
      subjects,
      { rounds: options.rounds, warmup: WARMUP, requests: options.requests },
      (round, name, result) =>
        log(
          `round ${round + 1}/${options.rounds} ${name.padEnd(18)} p50 ${result.p50Ms.toFixed(2).padStart(7)} ms   p99 ${result.p99Ms.toFixed(2).padStart(7)} ms`,
        ),
    );
    await session.cleanUp();

    const p50Of = (results: readonly LatencyResult[] | undefined) => median((results ?? []).map((r) => r.p50Ms));
    const retrieve = p50Of(rounds.get('retrieve'));
    const lines = [
      '',
      `analyst: a trends insight (InsightVizNode, $pageview daily over 30 days) with cached results, ${options.events.toLocaleString('en-US')} generated events; built-in analyst; separate processes on NATS`,
      `medians of ${options.rounds} rounds × ${options.requests} requests (c=1, after ${WARMUP} warm-up), the four alternated within each round`,
      '',
      `${'GET …/insights/:id/ (retrieve)'.padEnd(44)}${retrieve.toFixed(2).padStart(7)} ms`,
    ];
    const calls = [
      ['analyze', 'GET …/insights/:id/analyze/'],
      ['suggestions', 'GET …/insights/:id/suggestions/'],
      ['generate_metadata', 'POST …/insights/generate_metadata/'],
    ] as const;
    for (const [name, label] of calls) {
      const p50 = p50Of(rounds.get(name));
      const over = p50 - retrieve;
      lines.push(
        `${label.padEnd(44)}${p50.toFixed(2).padStart(7)} ms   ${over >= 0 ? '+' : '−'}${Math.abs(over).toFixed(2)} ms   target ≤ retrieve + ${MAX_OVER_RETRIEVE_MS} ms   ${over <= MAX_OVER_RETRIEVE_MS ? 'PASS' : 'MISS'}`,
      );
    }
    lines.push(
      '',
      'per round, p50 (ms): retrieve / analyze / suggestions / generate_metadata',
      ...(rounds.get('retrieve') ?? []).map(
        (_, i) =>
          `  round ${i + 1}: ${['retrieve', 'analyze', 'suggestions', 'generate_metadata'].map((name) => rounds.get(name)?.[i]?.p50Ms.toFixed(2)).join(' / ')}`,
      ),
      '',
      `wall time ${formatWall(performance.now() - startedAt)} (the bench process, from start-up to clean-up; pnpm build not included)`,
      '',
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
