/**
 * Benchmarks, by name: `pnpm bench gateway`, `pnpm bench endpoints`, `pnpm bench ingest`, `pnpm bench coalescing`,
 * `pnpm bench queries`, `pnpm bench analyst`. Each starts what it measures and stops it again; the exit code is 0 when
 * the measurement completed (whether or not a target was met) and 1 when anything failed.
 */
import { runAnalystBench } from './analyst-bench.js';
import { runCoalescingBench } from './coalescing-bench.js';
import { runEndpointsBench } from './endpoints-bench.js';
import { runGatewayBench } from './gateway-bench.js';
import { runIngestBench } from './ingest-bench.js';
import { runQueriesBench } from './queries-bench.js';

const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  gateway: runGatewayBench,
  endpoints: runEndpointsBench,
  ingest: runIngestBench,
  coalescing: runCoalescingBench,
  queries: runQueriesBench,
  analyst: runAnalystBench,
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  process.stderr.write(`usage: pnpm bench <${Object.keys(BENCHES).join('|')}> [options]\n`);
  process.exit(2);
}
try {
  await bench(args);
  process.exit(0);
} catch (error) {
  process.stderr.write(
    `bench ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
