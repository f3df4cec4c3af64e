import type { RunningSystem } from '../support/system.js';

export interface LogTail {
  text(): string;
  /** Keeps a chunk of output of a process started later (e.g. a profiled replacement). */
  push(chunk: string): void;
}

/**
 * The harness keeps every log line of every process, split and stored by this process: under load that is one gateway
 * line per request, competing with the load generator for the CPU. Keep only the last chunks, for error reports.
 */
export function boundSystemLogs(system: RunningSystem, maxChunks = 200): LogTail {
  const tail: string[] = [];
  const push = (chunk: string) => {
    tail.push(chunk);
    if (tail.length > maxChunks) tail.shift();
  };
  for (const [app, child] of system.processes) {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.removeAllListeners('data');
      stream?.on('data', (chunk: Buffer) => push(`[${app}] ${chunk.toString()}`));
    }
  }
  return { text: () => tail.join(''), push };
}
