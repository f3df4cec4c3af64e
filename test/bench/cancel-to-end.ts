import { setTimeout as sleep } from 'node:timers/promises';
import { slowFunnelQuery } from '../support/slow-query.js';
import { type LatencyResult, type LoadClient, latencyOf } from './load.js';

/** A query that runs for seconds on a million events: an unordered funnel of five steps over every day. */
export const SLOW_QUERY = slowFunnelQuery(30);

export interface CancelTimes {
  /** From sending `POST …/insights/cancel/` to the cancelled `POST /query/` answering (400 query_cancelled). */
  cancelToEnd: LatencyResult;
  /** The cancel request's own round trip (201). */
  cancelRequest: LatencyResult;
}

/**
 * Starts the slow query with a client_query_id of its own, waits `runningMs` so its statement runs, cancels it, and
 * times from sending the cancel to the query's answer; `samples` times, one after the other.
 */
export async function measureCancelToEnd(
  http: LoadClient,
  options: { projectId: number; samples: number; runningMs: number },
): Promise<CancelTimes> {
  const toEnd: number[] = [];
  const request: number[] = [];
  const runId = Date.now().toString(36);
  for (let sample = 0; sample < options.samples; sample++) {
    const clientQueryId = `bench-cancel-${runId}-${sample}`;
    const startedAt = performance.now();
    const running = http
      .exchange('POST', `/api/projects/${options.projectId}/query/`, {
        query: SLOW_QUERY,
        client_query_id: clientQueryId,
        refresh: 'force_blocking',
      })
      .then((answer) => ({ answer, endedAt: performance.now() }));
    await sleep(options.runningMs);
    const cancelSentAt = performance.now();
    const cancel = await http.send('POST', `/api/projects/${options.projectId}/insights/cancel/`, {
      client_query_id: clientQueryId,
    });
    request.push(performance.now() - cancelSentAt);
    const { answer, endedAt } = await running;
    if (cancel.status !== 201 || answer.status !== 400 || !answer.body.includes('"query_cancelled"')) {
      throw new Error(
        `cancel ${clientQueryId}: cancel answered ${cancel.status}, the query ${answer.status} after ${Math.round(endedAt - startedAt)} ms: ${answer.body.slice(0, 200)}`,
      );
    }
    toEnd.push(endedAt - cancelSentAt);
  }
  return { cancelToEnd: latencyOf(toEnd), cancelRequest: latencyOf(request) };
}
