import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { startPrivateNats } from './support/private-nats.js';
import { type ApiResponse, type RunningSystem, seedProject, startSystem } from './support/system.js';

let nats: Awaited<ReturnType<typeof startPrivateNats>>;
let system: RunningSystem;

beforeAll(async () => {
  nats = await startPrivateNats();
  system = await startSystem({ natsUrl: nats.url, extraEnv: { RPC_TIMEOUT_MS: '3000' } });
}, 90_000);
afterAll(async () => {
  await system?.stop();
  await nats?.dispose();
});

/** Runs tasks with at most `width` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

interface Change {
  insightId: number;
  name: string;
  response: ApiResponse;
}

/** Renames each insight `rounds` times (in order per insight, insights in parallel), each name unique. */
async function renameMany(
  base: string,
  key: string,
  insightIds: number[],
  rounds: number,
  between?: (round: number) => Promise<void>,
) {
  const changes: Change[] = [];
  for (let round = 0; round < rounds; round++) {
    await between?.(round);
    const batch = await pool(
      insightIds.map((insightId) => async () => {
        const name = `i${insightId}-r${round}`;
        const response = await system.api('PATCH', `${base}${insightId}/`, { key, body: { name } });
        return { insightId, name, response };
      }),
      8,
    );
    changes.push(...batch);
  }
  return changes;
}

async function allEntries(base: string, key: string, expected: number) {
  const res = await eventually(
    () => system.api('GET', `${base}activity/?limit=1000`, { key }),
    (r) => r.status === 200 && r.body.total_count >= expected,
    60_000,
  );
  return res.body;
}

function renamesPerInsight(entries: any[]): Map<string, string[]> {
  const perInsight = new Map<string, string[]>();
  for (const entry of [...entries].reverse()) {
    if (entry.activity !== 'updated') continue;
    const change = entry.detail.changes.find((c: any) => c.field === 'name');
    perInsight.set(entry.item_id, [...(perInsight.get(entry.item_id) ?? []), change.after]);
  }
  return perInsight;
}

describe('activity log faults', () => {
  it('loses and duplicates nothing when the activity service is down during 500 changes', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    const ids: number[] = [];
    for (let i = 0; i < 50; i++)
      ids.push((await system.api('POST', base, { key: seed.key, body: { name: `start ${i}` } })).body.id);
    await system.stopProcess('activity');
    const changes = await renameMany(base, seed.key, ids, 9);
    const answered = changes.filter((c) => c.response.status === 200);
    expect(ids.length + changes.length).toBeGreaterThanOrEqual(500);
    expect(answered).toHaveLength(changes.length);
    system.startProcess('activity');
    const body = await allEntries(base, seed.key, ids.length + answered.length);
    expect(body.total_count).toBe(ids.length + answered.length);
    expect(new Set(body.results.map((e: any) => e.id)).size).toBe(body.results.length);
    const renames = renamesPerInsight(body.results);
    for (const id of ids) {
      expect(renames.get(String(id))).toEqual(answered.filter((c) => c.insightId === id).map((c) => c.name));
    }
  }, 180_000);

  it('records exactly the 2xx changes when NATS restarts in the middle; 503s leave no trace', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    const ids: number[] = [];
    for (let i = 0; i < 20; i++)
      ids.push((await system.api('POST', base, { key: seed.key, body: { name: `n start ${i}` } })).body.id);
    const changes = await renameMany(base, seed.key, ids, 10, async (round) => {
      if (round === 4) await nats.stop();
      if (round === 7) {
        await nats.start();
        await eventually(
          () => system.api('GET', `${base}${ids[0]}/`, { key: seed.key }),
          (r) => r.status === 200,
          30_000,
        );
      }
    });
    const ok = changes.filter((c) => c.response.status === 200);
    const unavailable = changes.filter((c) => c.response.status === 503);
    const unknown = changes.filter((c) => c.response.status !== 200 && c.response.status !== 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unknown).toEqual([]);
    const body = await allEntries(base, seed.key, ids.length + ok.length);
    await new Promise((r) => setTimeout(r, 1000));
    const settled = await system.api('GET', `${base}activity/?limit=1000`, { key: seed.key });
    expect(settled.body.total_count).toBe(ids.length + ok.length);
    const renames = renamesPerInsight(body.results);
    for (const id of ids) {
      expect(renames.get(String(id)) ?? []).toEqual(ok.filter((c) => c.insightId === id).map((c) => c.name));
    }
    for (const failed of unavailable) {
      const current = await system.api('GET', `${base}${failed.insightId}/`, { key: seed.key });
      expect(current.body.name).not.toBe(failed.name);
    }
  }, 180_000);
});
