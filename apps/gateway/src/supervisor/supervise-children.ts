import { type ChildProcess, spawn } from 'node:child_process';
import type { Logger } from 'pino';

export interface ChildSpec {
  name: string;
  command: string;
  args: readonly string[];
}

export interface SupervisorOptions {
  children: readonly ChildSpec[];
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** First restart delay, doubling with each quick death, up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long before dying is restarted at once: its death was not a crash loop. */
  stableAfterMs?: number;
  /** This many deaths within `crashLoopWindowMs` is reported as a child that keeps dying. */
  crashLoopDeaths?: number;
  crashLoopWindowMs?: number;
}

export interface Supervisor {
  /** The children running now, with their pids. */
  running(): { name: string; pid: number }[];
  /** Stops restarting, asks every child to stop (SIGTERM), and kills those still running after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * `pnpm start`'s parent: runs every service as its own process and restarts any child that exits, whatever its code or
 * signal, with a growing delay while it keeps dying quickly. Every death and restart is logged; a child that dies
 * `crashLoopDeaths` times within the window is reported as crash-looping (and still retried, at the slowest pace).
 */
export function superviseChildren(options: SupervisorOptions): Supervisor {
  const baseBackoffMs = options.baseBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  const crashLoopDeaths = options.crashLoopDeaths ?? 5;
  const crashLoopWindowMs = options.crashLoopWindowMs ?? 60_000;
  const { log } = options;
  let stopping = false;
  const running = new Map<string, ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();

  const start = (spec: ChildSpec, quickDeaths: number, deaths: number[]) => {
    const startedAt = Date.now();
    const child = spawn(spec.command, [...spec.args], { env: options.env, stdio: 'inherit' });
    running.set(spec.name, child);
    child.once('error', (error) => log.error({ err: error, child: spec.name }, 'could not start a child process'));
    child.once('exit', (code, signal) => {
      running.delete(spec.name);
      if (stopping) return;
      const now = Date.now();
      const recentDeaths = [...deaths.filter((at) => now - at < crashLoopWindowMs), now];
      const quick = now - startedAt < stableAfterMs ? quickDeaths + 1 : 0;
      const delayMs = quick === 0 ? 0 : Math.min(maxBackoffMs, baseBackoffMs * 2 ** (quick - 1));
      log.warn({ child: spec.name, code, signal, restartInMs: delayMs }, 'child process exited, restarting it');
      if (recentDeaths.length >= crashLoopDeaths) {
        log.error(
          { child: spec.name, deaths: recentDeaths.length, windowMs: crashLoopWindowMs },
          'child process keeps dying',
        );
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (stopping) return;
        log.info({ child: spec.name }, 'restarting child process');
        start(spec, quick, recentDeaths);
      }, delayMs);
      timers.add(timer);
    });
  };

  for (const spec of options.children) start(spec, 0, []);

  return {
    running: () =>
      [...running.entries()].flatMap(([name, child]) => (child.pid === undefined ? [] : [{ name, pid: child.pid }])),
    async stop(graceMs = 10_000) {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      const exits = [...running.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      );
      await Promise.all(exits);
    },
  };
}
