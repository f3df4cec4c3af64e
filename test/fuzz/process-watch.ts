/**
 * Notices a process of the system that died under the fuzzer's requests (a crash is a finding like a 5xx, and worse:
 * every later request to that service would fail), keeps what it printed on the way out, and starts it again so the
 * run can go on.
 */
import { type RunningSystem, SERVICES } from '../support/system.js';

export interface ProcessCrash {
  app: string;
  exitCode: number | null;
  /** What the process printed that was not a JSON log line (the stack of an uncaught error). */
  output: string[];
}

export interface ProcessWatch {
  /** The processes that exited since the last call, each started again before this answers. */
  crashes(): Promise<ProcessCrash[]>;
}

async function waitForReady(system: RunningSystem, app: string, fromLine: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  const ready = (line: string) => line.includes(`"name":"${app}"`) && line.includes('"msg":"ready"');
  while (Date.now() < deadline) {
    if (app === 'gateway') {
      const answered = await fetch(`${system.baseUrl}/_ready`).then(
        (res) => res.status === 200,
        () => false,
      );
      if (answered) return;
    } else if (system.logs.slice(fromLine).some(ready)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${app} did not come back within 20 s after a crash`);
}

export function watchProcesses(system: RunningSystem): ProcessWatch {
  let seenLines = system.logs.length;
  return {
    async crashes() {
      const dead = [...SERVICES, 'gateway'].filter((app) => {
        const child = system.processes.get(app);
        return child !== undefined && child.exitCode !== null;
      });
      if (dead.length === 0) {
        seenLines = system.logs.length;
        return [];
      }
      const output = system.logs.slice(seenLines).filter((line) => !line.startsWith('{'));
      const found: ProcessCrash[] = [];
      for (const app of dead) {
        found.push({ app, exitCode: system.processes.get(app)?.exitCode ?? null, output: output.slice(0, 40) });
        const from = system.logs.length;
        system.processes.delete(app);
        system.startProcess(app);
        await waitForReady(system, app, from);
      }
      seenLines = system.logs.length;
      return found;
    },
  };
}
