import { type RunningSystem, seedProject, startSystem } from '../support/system.js';
import { boundSystemLogs, type LogTail } from './bounded-logs.js';

export type SeededProject = Awaited<ReturnType<typeof seedProject>>;

/** What a benchmark holds while it runs: a log, and the clean-ups of everything it started, newest first. */
export interface BenchSession {
  log(line: string): void;
  defer(cleanup: () => Promise<void> | void): void;
  /** Runs every deferred clean-up now (e.g. before printing the report, so nothing runs beside it). */
  cleanUp(): Promise<void>;
  /** Keeps the system's last log output, to show it if the benchmark fails. */
  keepLogs(logs: LogTail): void;
}

/**
 * Runs a benchmark body and always stops what it started, on success, failure, SIGINT or SIGTERM. A failure shows the
 * system's last log output (when the body registered it) and is rethrown.
 */
export async function runBenchSession(body: (session: BenchSession) => Promise<void>): Promise<void> {
  const cleanups: (() => Promise<void> | void)[] = [];
  let logs: LogTail | null = null;
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  const onSignal = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const session: BenchSession = {
    log: (line) => process.stdout.write(`${line}\n`),
    defer: (cleanup) => cleanups.push(cleanup),
    cleanUp,
    keepLogs: (tail) => {
      logs = tail;
    },
  };
  try {
    await body(session);
  } catch (error) {
    const tail = logs as LogTail | null;
    if (tail) process.stderr.write(`last log output of the system:\n${tail.text().slice(-8000)}\n`);
    throw error;
  } finally {
    await cleanUp();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/**
 * The system as production runs it (gateway + 4 services on NATS, throwaway database), stopped with the session, with
 * bounded logs, and a project with an editor holding an all-scopes key.
 */
export async function startBenchSystem(
  session: BenchSession,
): Promise<{ system: RunningSystem; seed: SeededProject; logs: LogTail }> {
  session.log('starting the system (gateway + 4 services on NATS, throwaway database)…');
  const system = await startSystem();
  session.defer(() => system.stop());
  const logs = boundSystemLogs(system);
  session.keepLogs(logs);
  return { system, seed: await seedProject(system), logs };
}

/** Milliseconds as a wall time: `4m 07s`. */
export function formatWall(wallMs: number): string {
  const seconds = Math.round(wallMs / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}
