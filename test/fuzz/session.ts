/**
 * One fuzzing session: the built system started as separate processes, the world seeded through its public
 * interface, and a connection for state snapshots. Shared by `pnpm fuzz` and `test/fuzz.test.ts`.
 */
import { type RunningSystem, startSystem } from '../support/system.js';
import { watchProcesses } from './process-watch.js';
import { draftRequests } from './request-mix.js';
import { type FuzzResult, runFuzz } from './runner.js';
import { StateSnapshotter } from './state-snapshot.js';
import { buildWorld, type FuzzWorld } from './world.js';

export const DEFAULT_REQUESTS = 2_000;

export interface FuzzSession {
  system: RunningSystem;
  world: FuzzWorld;
  snapshotter: StateSnapshotter;
  run(options: { requests: number; seed: number; progress?: (line: string) => void }): Promise<FuzzResult>;
  stop(): Promise<void>;
}

export async function startFuzzSession(): Promise<FuzzSession> {
  const system = await startSystem();
  try {
    const world = await buildWorld(system);
    const snapshotter = await StateSnapshotter.connect(system.database.url);
    return {
      system,
      world,
      snapshotter,
      run: ({ requests, seed, progress }) =>
        runFuzz({
          baseUrl: system.baseUrl,
          snapshotter,
          watch: watchProcesses(system),
          drafts: draftRequests(world, requests, seed),
          ...(progress && { progress }),
        }),
      stop: async () => {
        await snapshotter.close().catch(() => undefined);
        await system.stop();
      },
    };
  } catch (error) {
    await system.stop();
    throw error;
  }
}
