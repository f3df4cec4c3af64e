import { Agent, request } from 'node:http';
import { seedProject } from '../support/system.js';
import { numberOption } from './bench-options.js';
import { type BenchSession, runBenchSession, startBenchSystem } from './bench-session.js';
import { createLoadClient, type LatencyResult, measureInRounds, median, percentile, pooledLatency } from './load.js';

/**
 * `pnpm bench coalescing` (issue 11), on the system as separate processes with four gateway replicas:
 *
 * 1. Bursts: 64 concurrent identical uncached trends queries (`refresh: force_blocking`) spread over two coalescing
 *    gateways → how many executions each burst took (target 1), and how long followers wait after their leader
 *    (target: follower p99 ≤ leader time + 20 ms).
 * 2. The cost of coalescing on a request nobody else makes at the same time: a retrieve with `refresh=blocking` whose
 *    results are cached and fresh (the gateway asks `retrieveIfFresh` first and coordinates only a computation; it
 *    took the lead, one JetStream KV round trip, before) on a coalescing gateway against one with coalescing off, and
 *    a plain retrieve (never coordinated) likewise (target ≤ 0.2 ms p50).
 * 3. The cost of the throttle check: `my_last_viewed` (query family) on a gateway throttling at rates it never reaches,
 *    for a project it counts against an allow-listed one (the same process, the same work, only the counting differs;
 *    target ≤ 0.2 ms p50).
 *
 * Every side-by-side pair is measured in the same rounds, alternated ABBA. The two cached retrieves compare two
 * gateways on a path neither coordinates: their difference is the noise between processes.
 */

const BURST = 64;
const MAX_FOLLOWER_WAIT_MS = 20;
const MAX_OVERHEAD_MS = 0.2;

interface TimedAnswer {
  role: string;
  /** The body, parsed once the burst is over (parsing on arrival would delay the timing of later answers). */
  text: string;
  elapsedMs: number;
  finishedAt: number;
}

/** One POST with its own timing; `agent` keeps enough connections open for the whole burst. */
function timedPost(agent: Agent, baseUrl: string, path: string, key: string, json: unknown): Promise<TimedAnswer> {
  const url = new URL(baseUrl);
  const payload = JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const finishedAt = performance.now();
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) {
            reject(new Error(`POST ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`));
            return;
          }
          resolve({
            role: String(res.headers['x-coalesced']),
            text,
            elapsedMs: finishedAt - started,
            finishedAt,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface BurstResult {
  executions: number;
  computations: number;
  leaderMs: number;
  followerP99Ms: number;
  /** How long after its leader's answer the slowest but one percent of followers had theirs. */
  followerLagP99Ms: number;
}

async function runBurst(
  agents: Agent[],
  gateways: string[],
  path: string,
  key: string,
  body: unknown,
): Promise<BurstResult> {
  const answers = await Promise.all(
    Array.from({ length: BURST }, (_, n) =>
      timedPost(agents[n % 2] as Agent, gateways[n % 2] as string, path, key, body),
    ),
  );
  const leaders = answers.filter((answer) => answer.role === 'leader');
  if (process.env.BENCH_DEBUG) {
    const leaderAt = answers.find((a) => a.role === 'leader')!;
    const li = answers.indexOf(leaderAt) % 2;
    for (const side of [0, 1]) {
      const lags = answers
        .filter((a, i) => i % 2 === side && a.role === 'follower')
        .map((a) => a.finishedAt - leaderAt.finishedAt)
        .sort((a, b) => a - b);
      process.stdout.write(
        `    ${side === li ? 'leader side' : 'other side'}: lag min ${lags[0]?.toFixed(1)} p50 ${percentile(lags, 50).toFixed(1)} max ${lags.at(-1)?.toFixed(1)} size ${answers[0]!.text.length}\n`,
      );
    }
  }
  const followers = answers.filter((answer) => answer.role === 'follower');
  const leader = leaders[0];
  if (!leader) throw new Error(`a burst had no leader: roles ${answers.map((answer) => answer.role).join(',')}`);
  return {
    executions: answers.filter((answer) => answer.role !== 'follower').length,
    computations: new Set(answers.map((answer) => (JSON.parse(answer.text) as { last_refresh: string }).last_refresh))
      .size,
    leaderMs: leader.elapsedMs,
    followerP99Ms: percentile(
      followers.map((answer) => answer.elapsedMs).sort((a, b) => a - b),
      99,
    ),
    followerLagP99Ms: percentile(
      followers.map((answer) => answer.finishedAt - leader.finishedAt).sort((a, b) => a - b),
      99,
    ),
  };
}

const ms = (value: number) => `${value.toFixed(3)} ms`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function overheadLine(label: string, subject: LatencyResult, baseline: LatencyResult): [string, boolean] {
  const overhead = subject.p50Ms - baseline.p50Ms;
  const ok = overhead <= MAX_OVERHEAD_MS;
  return [
    `${label}: p50 ${ms(subject.p50Ms)} vs ${ms(baseline.p50Ms)} without → overhead ${ms(overhead)} (target ≤ ${MAX_OVERHEAD_MS} ms) ${verdict(ok)}`,
    ok,
  ];
}

export async function runCoalescingBench(args: string[]): Promise<void> {
  const bursts = numberOption(args, 'bursts', 10);
  const rounds = numberOption(args, 'rounds', 6);
  const requests = numberOption(args, 'requests', 500);
  const events = numberOption(args, 'events', 200_000);
  await runBenchSession(async (session: BenchSession) => {
    const { system, seed } = await startBenchSystem(session);
    const unlimited = { QUERY_RATE_PER_MINUTE: '1000000000', QUERY_RATE_PER_HOUR: '1000000000' };
    session.log('starting three more gateways: coalescing, plain, throttling…');
    const coalescing = await system.startGatewayReplica('gateway-coalescing');
    const plain = await system.startGatewayReplica('gateway-plain', { COALESCING_ENABLED: 'false' });
    const exempt = await seedProject(system);
    const throttling = await system.startGatewayReplica('gateway-throttling', {
      COALESCING_ENABLED: 'false',
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_ALLOW_LIST_PROJECTS: String(exempt.project.id),
      ...unlimited,
    });
    session.log(`generating ${events.toLocaleString()} events over 30 days…`);
    await system.admin(
      'events',
      'generate',
      '--project',
      String(seed.project.id),
      '--count',
      String(events),
      '--days',
      '30',
    );

    // 1. Bursts of identical uncached queries.
    const agents = [0, 1].map(() => new Agent({ keepAlive: true, maxSockets: BURST }));
    session.defer(() => {
      for (const agent of agents) agent.destroy();
    });
    const queryPath = `/api/projects/${seed.project.id}/query/`;
    const trends = (n: number) => ({
      query: {
        kind: 'TrendsQuery',
        series: [{ kind: 'EventsNode', event: '$pageview', math: 'dau' }],
        breakdownFilter: { breakdown: '$browser', breakdown_type: 'event' },
        dateRange: { date_from: '-30d' },
      },
      refresh: 'force_blocking',
      client_query_id: `burst-${n}`,
    });
    const gateways = [system.baseUrl, coalescing];
    await runBurst(agents, gateways, queryPath, seed.key, trends(-1)); // warms connections and the engine
    const results: BurstResult[] = [];
    for (let n = 0; n < bursts; n++) {
      const result = await runBurst(agents, gateways, queryPath, seed.key, trends(n));
      results.push(result);
      session.log(
        `  burst ${n + 1}: ${result.executions} execution(s), leader ${ms(result.leaderMs)}, follower p99 ${ms(result.followerP99Ms)}, lag after leader p99 ${ms(result.followerLagP99Ms)}`,
      );
    }

    // 2 and 3. Overheads at concurrency 1, side by side.
    const insightsPath = `/api/projects/${seed.project.id}/insights/`;
    // The same insight, viewed once, in both projects: their `my_last_viewed` then does the same work.
    const viewedInsight = async (project: { id: number }, key: string): Promise<number> => {
      const setup = createLoadClient({ name: 'setup', baseUrl: plain, headers: { authorization: `Bearer ${key}` } }, 1);
      const path = `/api/projects/${project.id}/insights/`;
      const created = await setup.send('POST', path, {
        name: 'Pageviews',
        query: {
          kind: 'InsightVizNode',
          source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] },
        },
      });
      const { id } = JSON.parse(created.body) as { id: number };
      await setup.get(`${path}${id}/?refresh=blocking`);
      setup.close();
      return id;
    };
    const insight = { id: await viewedInsight(seed.project, seed.key) };
    await viewedInsight(exempt.project, exempt.key);
    const clientOf = (name: string, baseUrl: string, key = seed.key) => {
      const client = createLoadClient({ name, baseUrl, headers: { authorization: `Bearer ${key}` } }, 1);
      session.defer(() => client.close());
      return client;
    };
    const onCoalescing = clientOf('coalescing', coalescing);
    const onPlain = clientOf('plain', plain);
    const onThrottling = clientOf('throttling', throttling);
    const onThrottlingExempt = clientOf('throttling, allow-listed', throttling, exempt.key);
    const blocking = `${insightsPath}${insight.id}/?refresh=blocking`;
    const cached = `${insightsPath}${insight.id}/`;
    const lastViewed = `${insightsPath}my_last_viewed/`;
    const exemptLastViewed = `/api/projects/${exempt.project.id}/insights/my_last_viewed/`;
    session.log(`timing overheads: ${rounds} rounds × ${requests} requests per subject, ABBA…`);
    const measured = await measureInRounds(
      [
        { name: 'blocking, coalescing', call: () => () => onCoalescing.get(blocking) },
        { name: 'blocking, plain', call: () => () => onPlain.get(blocking) },
        { name: 'cached, coalescing', call: () => () => onCoalescing.get(cached) },
        { name: 'cached, plain', call: () => () => onPlain.get(cached) },
        { name: 'my_last_viewed, throttling', call: () => () => onThrottling.get(lastViewed) },
        { name: 'my_last_viewed, allow-listed', call: () => () => onThrottlingExempt.get(exemptLastViewed) },
      ],
      { rounds, warmup: 50, requests },
    );
    const pooled = (name: string) => pooledLatency(measured.get(name) ?? []);

    await session.cleanUp();
    const executions = results.map((result) => result.executions);
    const leaderMs = median(results.map((result) => result.leaderMs));
    const followerP99 = median(results.map((result) => result.followerP99Ms));
    const lagP99 = median(results.map((result) => result.followerLagP99Ms));
    const onceEach = executions.every((count) => count === 1);
    const followersInTime = followerP99 <= leaderMs + MAX_FOLLOWER_WAIT_MS;
    const lines: [string, boolean][] = [
      [
        `${bursts} bursts of ${BURST} identical uncached trends queries over two gateways: executions per burst ${executions.join(', ')} (target 1 each) ${verdict(onceEach)}`,
        onceEach,
      ],
      [`  computations seen by clients per burst: ${results.map((result) => result.computations).join(', ')}`, true],
      [
        `  medians over bursts: leader ${ms(leaderMs)}, follower p99 ${ms(followerP99)} (target ≤ leader + ${MAX_FOLLOWER_WAIT_MS} ms) ${verdict(followersInTime)}; followers' answers after the leader's, p99 ${ms(lagP99)}`,
        followersInTime,
      ],
      overheadLine(
        'coalescing on a retrieve nobody shares (refresh=blocking, results fresh: asked for before any coordination)',
        pooled('blocking, coalescing'),
        pooled('blocking, plain'),
      ),
      overheadLine(
        'coalescing on a plain retrieve (served from cache, never coordinated; also the noise between the gateways)',
        pooled('cached, coalescing'),
        pooled('cached, plain'),
      ),
      overheadLine(
        'throttle check (my_last_viewed, query family, against an allow-listed project on the same gateway)',
        pooled('my_last_viewed, throttling'),
        pooled('my_last_viewed, allow-listed'),
      ),
    ];
    session.log('');
    session.log('pnpm bench coalescing');
    for (const [line] of lines) session.log(line);
    session.log(lines.every(([, ok]) => ok) ? 'all targets met' : 'some targets missed');
  });
}
