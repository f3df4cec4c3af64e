/**
 * Runs the drafted requests and checks every invariant. The state check is exact because no request whose refusal
 * is judged ever shares a snapshot interval with a request that may legitimately change state:
 *
 * 1. requests that may change state (well-formed, non-safe methods) go one at a time, each between two snapshots of
 *    the whole database taken once the event consumers have caught up; a refused one must have changed nothing;
 * 2. everything else (requests that must be refused, and safe methods) goes in small concurrent windows, with a
 *    snapshot before and after each window. When a window changed anything, each of its refused or safe requests is
 *    sent again alone between two snapshots, which names the request that changed state and shows its rows;
 * 3. the requests of phase 1 are sent again, concurrently, for what only shows under load (races, crashes); their
 *    answers are judged, the state is not.
 *
 * A process of the system that dies meanwhile is a violation too; it is started again and the run goes on. Snapshots
 * that cannot be compared exactly (consumers still waiting for JetStream's redelivery after a crash) are counted, not
 * judged.
 */
import type { Draft } from './drafts.js';
import { replyProblem } from './invariants.js';
import type { ProcessCrash, ProcessWatch } from './process-watch.js';
import { SAFE_METHODS } from './route-catalogue.js';
import { describeRowChanges, diffSnapshots, type Snapshot, type StateSnapshotter } from './state-snapshot.js';
import { type Reply, requestLine, send } from './wire.js';

export interface Violation {
  draft: Draft;
  reply: Reply;
  problem: string;
  /** What else shows the failure: rows a request changed, the output of a crashed process, other suspects. */
  details?: string[];
}

export interface FuzzOptions {
  baseUrl: string;
  snapshotter: StateSnapshotter;
  drafts: readonly Draft[];
  watch?: ProcessWatch;
  /** Requests per snapshot window in phase 2, and concurrent requests in phase 3. */
  concurrency?: number;
  progress?: (line: string) => void;
}

export interface FuzzResult {
  drafted: number;
  /** Every request sent, with isolation re-sends and phase 3. */
  sent: number;
  windows: number;
  isolated: number;
  /** State comparisons skipped because the consumers were still catching up after a crash. */
  uncheckedStateChecks: number;
  /** Per consumer, events a crashed process left to JetStream's redelivery that had not come back by the end. */
  pendingRedelivery: Map<string, number>;
  ms: number;
  violations: Violation[];
  /** Status counts per route, and per kind of request (first sending only). */
  byRoute: Map<string, Map<number, number>>;
  byLabel: Map<string, Map<number, number>>;
}

const refused = (reply: Reply) => reply.status === 0 || reply.status >= 400;
const mayChangeState = (draft: Draft) => draft.expect === 'either' && !SAFE_METHODS.has(draft.method);
const NO_REPLY: Reply = { status: 0, contentType: '', text: '', ms: 0 };

function count(table: Map<string, Map<number, number>>, key: string, status: number): void {
  const statuses = table.get(key) ?? new Map<number, number>();
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  table.set(key, statuses);
}

function describeState(state: { rows: number; md5: string } | undefined): string {
  return state ? `${state.rows} rows (${state.md5.slice(0, 8)})` : 'absent';
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const { baseUrl, snapshotter, drafts, watch } = options;
  const concurrency = options.concurrency ?? 12;
  const progress = options.progress ?? (() => undefined);
  const started = performance.now();
  const result: FuzzResult = {
    drafted: drafts.length,
    sent: 0,
    windows: 0,
    isolated: 0,
    uncheckedStateChecks: 0,
    pendingRedelivery: new Map(),
    ms: 0,
    violations: [],
    byRoute: new Map(),
    byLabel: new Map(),
  };
  const violated = new Set<Draft>();
  const check = (draft: Draft, reply: Reply, firstTime: boolean, details?: string[]) => {
    result.sent++;
    if (firstTime) {
      count(result.byRoute, `${draft.method} ${draft.route}`, reply.status);
      count(result.byLabel, draft.label, reply.status);
    }
    const problem = replyProblem(draft, reply);
    if (problem && !violated.has(draft)) {
      violated.add(draft);
      result.violations.push({ draft, reply, problem, ...(details && { details }) });
    }
  };
  /** Records a crash against the requests that were in flight or had just been answered, 5xx ones first. */
  const checkProcesses = async (suspects: { draft: Draft; reply?: Reply }[]): Promise<boolean> => {
    const crashes: ProcessCrash[] = (await watch?.crashes()) ?? [];
    const ordered = [...suspects].sort((a, b) => (b.reply?.status ?? 0) - (a.reply?.status ?? 0));
    for (const crash of crashes) {
      const first = ordered[0];
      result.violations.push({
        draft: first?.draft ?? drafts[0]!,
        reply: first?.reply ?? NO_REPLY,
        problem: `the ${crash.app} process exited (code ${crash.exitCode}) under these requests; started again`,
        details: [
          ...ordered.map(
            ({ draft, reply }) =>
              `in flight: ${reply?.status ?? '…'} ${draft.method} ${requestLine(draft).slice(0, 200)}`,
          ),
          ...crash.output.map((line) => `${crash.app}: ${line}`),
        ],
      });
    }
    if (crashes.length > 0) await snapshotter.afterCrash();
    return crashes.length > 0;
  };

  let lagging = false;
  const settle = async () => {
    const snapshot = await snapshotter.settled(lagging ? 50 : 2_000);
    lagging = !snapshot.settled;
    return snapshot;
  };
  // Exact only when the consumers had caught up at both ends and handled nothing in between that a crash had left
  // to redelivery.
  const comparable = (a: Snapshot, b: Snapshot) =>
    a.settled && b.settled && [...a.gaps].every(([consumer, gap]) => b.gaps.get(consumer) === gap);

  /** Sends one request alone between two snapshots; a refused or safe request must change nothing. */
  const isolate = async (draft: Draft, firstTime: boolean): Promise<boolean> => {
    const ahead = await settle();
    const rowsBefore = await snapshotter.dump(snapshotter.tableNames);
    const reply = await send(baseUrl, draft);
    check(draft, reply, firstTime);
    if (await checkProcesses([{ draft, reply }])) {
      result.uncheckedStateChecks++;
      return false;
    }
    const behind = await settle();
    const diffs = diffSnapshots(ahead, behind);
    if (!comparable(ahead, behind)) {
      result.uncheckedStateChecks++;
      return false;
    }
    if (diffs.length === 0 || (!refused(reply) && !SAFE_METHODS.has(draft.method))) return false;
    const tables = diffs.map((diff) => diff.table).join(', ');
    result.violations.push({
      draft,
      reply,
      problem: refused(reply)
        ? `refused with ${reply.status} but changed the state (${tables})`
        : `${draft.method} changed the state (${tables})`,
      details: describeRowChanges(rowsBefore, await snapshotter.dump(diffs.map((diff) => diff.table))),
    });
    return true;
  };

  // Phase 1: what may change state, one at a time.
  const writers = drafts.filter(mayChangeState);
  const probes = drafts.filter((draft) => !mayChangeState(draft));
  for (const draft of writers) await isolate(draft, true);
  progress(`phase 1: ${writers.length} requests that may change state, one at a time`);

  // Phase 2: what must not change state, in windows between snapshots.
  let before = await settle();
  for (let start = 0; start < probes.length; start += concurrency) {
    const window = probes.slice(start, start + concurrency);
    const replies = await Promise.all(window.map((draft) => send(baseUrl, draft)));
    const answered = window.map((draft, index) => ({ draft, reply: replies[index]! }));
    for (const { draft, reply } of answered) check(draft, reply, true);
    result.windows++;
    const crashed = await checkProcesses(answered);
    const after = await settle();
    if (crashed || !comparable(before, after)) {
      result.uncheckedStateChecks++;
      before = after;
      continue;
    }
    const changed = diffSnapshots(before, after);
    if (changed.length > 0) {
      const suspects = answered.filter(({ draft, reply }) => refused(reply) || SAFE_METHODS.has(draft.method));
      const legitimateWriters = window.length - suspects.length;
      let named = 0;
      for (const { draft } of suspects) {
        result.isolated++;
        named += (await isolate(draft, false)) ? 1 : 0;
      }
      if (named === 0 && legitimateWriters === 0) {
        const details = changed.map(
          (diff) => `${diff.table}: ${describeState(diff.before)} → ${describeState(diff.after)}`,
        );
        for (const { draft, reply } of suspects) {
          result.violations.push({
            draft,
            reply,
            problem:
              'the state changed in a window of refused or safe requests, and no single one of them changes it alone',
            details,
          });
        }
      }
      before = await settle();
    } else {
      before = after;
    }
    if ((start / concurrency) % 40 === 39) progress(`phase 2: ${start + window.length} of ${probes.length}`);
  }

  // Anything that still moves once every request has been answered came from one of them.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const quiet = await settle();
  const late = diffSnapshots(before, quiet);
  if (comparable(before, quiet) && late.length > 0) {
    result.violations.push({
      draft: probes[probes.length - 1] ?? drafts[0]!,
      reply: NO_REPLY,
      problem: 'the state changed after every request had been answered',
      details: late.map((diff) => diff.table),
    });
  }

  // Phase 3: the writers again, concurrently.
  const underLoad = ['sent again concurrently with the other requests of phase 1 (phase 3)'];
  const recent: { draft: Draft; reply?: Reply }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < writers.length) {
      const entry: { draft: Draft; reply?: Reply } = { draft: writers[next++]! };
      recent.push(entry);
      if (recent.length > concurrency) recent.shift();
      entry.reply = await send(baseUrl, entry.draft);
      check(entry.draft, entry.reply, false, underLoad);
      await checkProcesses([...recent]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, concurrency) }, worker));
  progress(`phase 3: the same ${writers.length} requests again, concurrently`);

  result.pendingRedelivery = snapshotter.pendingRedelivery;
  result.ms = performance.now() - started;
  return result;
}
