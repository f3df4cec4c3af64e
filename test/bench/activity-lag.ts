import { type LatencyResult, type LoadClient, latencyOf } from './load.js';

export interface ActivityLagResult {
  /** From the change's 2xx response to the first read of the activity log that shows its entry. */
  lag: LatencyResult;
  /** The changes themselves (PATCH, full request). */
  change: LatencyResult;
  /** Reads of the log per sample, median. */
  readsPerSample: number;
}

const GIVE_UP_MS = 10_000;

/**
 * Renames insights one after the other through the gateway and, after each 2xx, reads the project's activity log
 * (`?limit=1`) every `pollMs` (or back to back when a read takes longer) until its newest entry is that rename.
 */
export async function measureActivityLag(
  http: LoadClient,
  options: { projectId: number; insightIds: readonly number[]; warmup: number; samples: number; pollMs: number },
): Promise<ActivityLagResult> {
  const lags: number[] = [];
  const changes: number[] = [];
  const reads: number[] = [];
  const logPath = `/api/projects/${options.projectId}/insights/activity/?limit=1`;
  const runId = Date.now().toString(36);
  for (let i = 0; i < options.warmup + options.samples; i++) {
    const insightId = options.insightIds[(i * 7919) % options.insightIds.length] as number;
    const name = `Lag probe ${runId}-${i}`;
    const sent = performance.now();
    await http.send('PATCH', `/api/projects/${options.projectId}/insights/${insightId}/`, { name });
    const answered = performance.now();
    let readCount = 0;
    for (;;) {
      const readStarted = performance.now();
      const page = JSON.parse(await http.get(logPath)) as {
        results: { item_id: string; detail: { name: string | null } }[];
      };
      readCount++;
      const newest = page.results[0];
      if (newest?.item_id === String(insightId) && newest.detail.name === name) break;
      const now = performance.now();
      if (now - answered > GIVE_UP_MS) throw new Error(`no activity entry for "${name}" after ${GIVE_UP_MS} ms`);
      const wait = options.pollMs - (now - readStarted);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    if (i < options.warmup) continue;
    lags.push(performance.now() - answered);
    changes.push(answered - sent);
    reads.push(readCount);
  }
  reads.sort((a, b) => a - b);
  return { lag: latencyOf(lags), change: latencyOf(changes), readsPerSample: reads[Math.floor(reads.length / 2)] ?? 0 };
}
