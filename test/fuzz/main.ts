/**
 * `pnpm fuzz [--requests N] [--seed S]`: starts the built system, seeds two projects, sends N generated requests
 * (2,000 by default) for every route of the contract and a few outside it, and prints a summary and every violation
 * with the request that reproduces it. The seed is random unless given, and always printed, so a run can be replayed.
 * Exits 1 on any violation, 2 on bad arguments.
 */
import { formatSummary, formatViolations, keyVariables } from './report.js';
import { DEFAULT_REQUESTS, startFuzzSession } from './session.js';

function parseArguments(argv: readonly string[]): { requests: number; seed: number } {
  const options = { requests: DEFAULT_REQUESTS, seed: Math.floor(Math.random() * 2 ** 31) };
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index]!.split('=', 2);
    const value = inline ?? argv[++index];
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < 0) throw new Error(`${flag} needs a non-negative integer`);
    if (flag === '--requests') options.requests = number;
    else if (flag === '--seed') options.seed = number;
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

let options: { requests: number; seed: number };
try {
  options = parseArguments(process.argv.slice(2).filter((arg) => arg !== '--'));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\nusage: pnpm fuzz [--requests N] [--seed S]\n`);
  process.exit(2);
}

process.stdout.write(`fuzz: seed ${options.seed}, ${options.requests} requests (replay with --seed ${options.seed})\n`);
const session = await startFuzzSession();
let exitCode = 1;
try {
  const result = await session.run({ ...options, progress: (line) => process.stdout.write(`  ${line}\n`) });
  process.stdout.write(`\n${formatSummary(result, options.seed)}\n`);
  if (result.violations.length > 0) {
    const variables = [...keyVariables(session.world).values()].join(', ');
    process.stdout.write(`\n${formatViolations(result.violations, session.world)}\n`);
    process.stdout.write(
      `\nKeys are shown as ${variables}: this run's keys are gone with its system; create keys like them to replay ` +
        `one request by hand, or replay the whole run: pnpm fuzz --requests ${options.requests} --seed ${options.seed}\n`,
    );
  }
  exitCode = result.violations.length > 0 ? 1 : 0;
} catch (error) {
  process.stderr.write(`fuzz failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  await session.stop();
}
process.exit(exitCode);
