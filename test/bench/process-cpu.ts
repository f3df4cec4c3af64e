import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A group of processes whose CPU time is counted together: one service, nats-server, every PostgreSQL backend. */
export interface CpuSubject {
  name: string;
  /** The group's processes now (asked at each reading: PostgreSQL starts backends as connections open). */
  pids(): number[];
}

const TICKS_PER_SECOND = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** A process's user + system CPU time so far, in ms; 0 once it is gone. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which sits in parentheses and may itself hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The processes whose command name (`/proc/<pid>/comm`) starts with `prefix`. */
export function pidsNamed(prefix: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith(prefix)) pids.push(Number(entry));
    } catch {
      // It ended while the list was read.
    }
  }
  return pids;
}

/** The CPU time each subject spent while `run` ran, in ms (processes that started meanwhile count from 0). */
export async function measureCpu<T>(
  subjects: readonly CpuSubject[],
  run: () => Promise<T>,
): Promise<{ result: T; cpuMs: Map<string, number> }> {
  const before = new Map<number, number>();
  for (const subject of subjects) for (const pid of subject.pids()) before.set(pid, cpuMsOf(pid));
  const ownBefore = process.cpuUsage();
  const result = await run();
  const own = process.cpuUsage(ownBefore);
  const cpuMs = new Map<string, number>();
  for (const subject of subjects) {
    let total = 0;
    for (const pid of subject.pids()) total += cpuMsOf(pid) - (before.get(pid) ?? 0);
    cpuMs.set(subject.name, total);
  }
  cpuMs.set('bench (load generator)', (own.user + own.system) / 1000);
  return { result, cpuMs };
}
