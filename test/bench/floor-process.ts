import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface FloorProcess {
  baseUrl: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

const FLOOR_SERVER = fileURLToPath(new URL('./floor-server.ts', import.meta.url));
const READY_TIMEOUT_MS = 20_000;

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Starts floor-server.ts in a process of its own (node with tsx's loader) and waits until it listens. */
export async function startFloorProcess(databaseUrl: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<FloorProcess> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), FLOOR_SERVER], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`floor server not ready after ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = output.split('\n').find((line) => line.includes('"msg":"ready"'));
      if (!ready) return;
      clearTimeout(timer);
      resolve((JSON.parse(ready) as { port: number }).port);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`floor server exited with ${code}: ${output.slice(-2000)}`));
    });
  }).catch(async (error) => {
    await stopChild(child);
    throw error;
  });
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  return { baseUrl: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => stopChild(child) };
}
