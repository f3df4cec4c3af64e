import { createLogger } from '@insights/transport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Supervisor, superviseChildren } from './supervise-children.js';

interface LogLine {
  msg: string;
  child?: string;
  code?: number | null;
  signal?: string | null;
  restartInMs?: number;
}

let supervisor: Supervisor | undefined;
afterEach(async () => {
  await supervisor?.stop(1_000);
  supervisor = undefined;
});

function recordingLog() {
  const lines: LogLine[] = [];
  const log = createLogger('supervisor-test', 'info', { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines, about: (msg: string) => lines.filter((line) => line.msg === msg) };
}

const nodeChild = (name: string, script: string) => ({ name, command: process.execPath, args: ['-e', script] });

describe('superviseChildren', () => {
  it('restarts a child that exits, whatever its exit code, with a growing delay, and reports a crash loop', async () => {
    const { log, about } = recordingLog();
    supervisor = superviseChildren({
      children: [nodeChild('flaky', 'setTimeout(() => process.exit(3), 20)')],
      env: process.env,
      log,
      baseBackoffMs: 20,
      maxBackoffMs: 200,
      crashLoopDeaths: 3,
      crashLoopWindowMs: 60_000,
    });

    await vi.waitFor(() => expect(about('child process exited, restarting it').length).toBeGreaterThanOrEqual(4), {
      timeout: 15_000,
      interval: 20,
    });
    const exits = about('child process exited, restarting it');
    expect(exits.every((line) => line.child === 'flaky' && line.code === 3)).toBe(true);
    // 20, 40, 80, 160 ms: each quick death waits twice as long, up to the maximum.
    expect(exits.slice(0, 4).map((line) => line.restartInMs)).toEqual([20, 40, 80, 160]);
    expect(about('child process keeps dying').length).toBeGreaterThanOrEqual(1);
    expect(about('restarting child process').length).toBeGreaterThanOrEqual(3);
  });

  it('restarts a child killed by a signal, and stops restarting once stopped', async () => {
    const { log, about } = recordingLog();
    supervisor = superviseChildren({
      children: [nodeChild('steady', 'setInterval(() => {}, 1000); process.on("SIGTERM", () => process.exit(0))')],
      env: process.env,
      log,
      baseBackoffMs: 20,
    });
    const pids = () => supervisor!.running().map((child) => child.pid);
    const [first] = pids();
    process.kill(first!, 'SIGKILL');

    await vi.waitFor(() => expect(about('child process exited, restarting it')).toHaveLength(1), { timeout: 10_000 });
    expect(about('child process exited, restarting it')[0]).toMatchObject({ child: 'steady', signal: 'SIGKILL' });
    await vi.waitFor(() => expect(about('restarting child process')).toHaveLength(1), { timeout: 10_000 });
    const [second] = pids();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(() => process.kill(second!, 0)).not.toThrow();

    await supervisor.stop(2_000);
    supervisor = undefined;
    expect(() => process.kill(second!, 0)).toThrow();
    expect(about('child process exited, restarting it')).toHaveLength(1);
  });
});
