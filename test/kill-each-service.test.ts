import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './support/eventually.js';
import { type ApiResponse, type RunningSystem, SERVICES, seedProject, startSystem } from './support/system.js';

/**
 * Issue 7 §3: one dead service never takes the others down. Each service in turn is killed with SIGKILL while clients
 * keep sending requests of every kind: what needs the dead service gets an error answer (503/504), everything else
 * keeps answering as before, no other process exits, nothing logs an unhandled rejection, `/_ready` names the dead
 * service, and the system is whole again once it is back.
 */

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let base: string;
let insightId: number;

/** The requests clients keep sending, and the services each one needs. */
const traffic = () => [
  { label: 'retrieve', needs: ['insights'], send: () => system.api('GET', `${base}${insightId}/`, { key: seed.key }) },
  {
    label: 'patch with tags',
    needs: ['insights'],
    send: () =>
      system.api('PATCH', `${base}${insightId}/`, {
        key: seed.key,
        body: { description: `d${Date.now()}`, tags: ['load'] },
      }),
  },
  { label: 'activity', needs: ['activity'], send: () => system.api('GET', `${base}activity/`, { key: seed.key }) },
  {
    label: 'viewed',
    needs: ['views', 'insights'],
    send: () => system.api('POST', `${base}viewed/`, { key: seed.key, body: { insight_ids: [insightId] } }),
  },
  {
    label: 'my_last_viewed',
    needs: ['views', 'insights'],
    send: () => system.api('GET', `${base}my_last_viewed/`, { key: seed.key }),
  },
];

async function underLoad(durationMs: number): Promise<{ label: string; needs: string[]; response: ApiResponse }[]> {
  const results: { label: string; needs: string[]; response: ApiResponse }[] = [];
  const deadline = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (Date.now() < deadline) {
        for (const request of traffic()) {
          results.push({ label: request.label, needs: request.needs, response: await request.send() });
        }
      }
    }),
  );
  return results;
}

beforeAll(async () => {
  system = await startSystem({ extraEnv: { RPC_TIMEOUT_MS: '2000' } });
  seed = await seedProject(system);
  base = `/api/projects/${seed.project.id}/insights/`;
  insightId = (await system.api('POST', base, { key: seed.key, body: { name: 'survivor' } })).body.id;
}, 90_000);

afterAll(async () => system?.stop());

describe('a killed service', () => {
  for (const killed of SERVICES) {
    it(`${killed}: the others keep answering, its callers get error answers, nothing crashes`, async () => {
      const others = [...system.processes.entries()].filter(([app]) => app !== killed);
      const exited = new Promise((resolve) => system.processes.get(killed)!.once('exit', resolve));
      system.processes.get(killed)!.kill('SIGKILL');
      await exited;

      const results = await underLoad(3_000);
      for (const { label, needs, response } of results) {
        if (needs.includes(killed)) {
          expect([200, 201, 503, 504], `${label} while ${killed} is dead`).toContain(response.status);
          if (response.status >= 500) expect(response.body?.type).toBe('server_error');
        } else {
          expect(response.status, `${label} does not need ${killed}`).toBeLessThan(300);
        }
      }
      expect(results.some(({ needs }) => !needs.includes(killed))).toBe(true);
      const ready = await system.api('GET', '/_ready');
      expect(ready.status).toBe(503);
      expect(ready.body.services[killed].answering).toBe(false);
      for (const [app, child] of others) expect(child.exitCode, `${app} is still running`).toBeNull();

      system.startProcess(killed);
      const back = await eventually(
        () => system.api('GET', '/_ready'),
        (response) => response.status === 200,
        30_000,
      );
      expect(back.body.status).toBe('ready');
      for (const { send, label } of traffic())
        expect((await send()).status, `${label} after restart`).toBeLessThan(300);
    }, 60_000);
  }

  it('never logged an unhandled rejection or an uncaught exception', () => {
    const crashes = system.logs.filter((line) => /unhandled rejection|uncaught/i.test(line));
    expect(crashes).toEqual([]);
  });
});
