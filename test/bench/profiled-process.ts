import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, type RunningSystem } from '../support/system.js';
import type { LogTail } from './bounded-logs.js';

const READY_TIMEOUT_MS = 30_000;

/**
 * Replaces one of the system's processes with the same app run under `node --cpu-prof` (NODE_OPTIONS may not carry
 * the flag), so that it writes a V8 CPU profile into `dir` when it stops with the system. Open the `.cpuprofile` in
 * Chrome DevTools (Performance) or speedscope. Resolves once the new process is ready.
 */
export async function restartWithCpuProfile(
  system: RunningSystem,
  app: string,
  dir: string,
  logs: LogTail,
): Promise<void> {
  await system.stopProcess(app);
  const child = spawn(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      `--cpu-prof-name=${app}.${Date.now()}.cpuprofile`,
      join(REPO_ROOT, 'apps', app, 'dist', 'main.js'),
    ],
    { env: system.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  system.processes.set(app, child);
  let output = '';
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString();
    logs.push(`[${app}] ${text}`);
    output = (output + text).slice(-8000);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  if (app === 'gateway') {
    await waitForGateway(system.baseUrl);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${app} (profiled) not ready: ${output.slice(-2000)}`)),
      READY_TIMEOUT_MS,
    );
    const poll = setInterval(() => {
      if (!output.includes('"msg":"ready"')) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 20);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${app} (profiled) exited with ${code}: ${output.slice(-2000)}`));
    });
  });
}

async function waitForGateway(baseUrl: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const ready = await fetch(`${baseUrl}/_ready`).catch(() => null);
    if (ready?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the profiled gateway is not ready');
}
