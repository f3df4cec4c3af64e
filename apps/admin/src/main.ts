import { AdminSession } from './admin-session.js';
import { readAdminEnv } from './env.js';

/** `admin <noun> <verb> [options]`: one JSON object on stdout, or one line on stderr and a non-zero exit status. */
async function runAdmin(argv: readonly string[]): Promise<number> {
  const session = new AdminSession(() => readAdminEnv());
  try {
    const outcome = await session.run(argv);
    if (outcome.exitCode === 0 && 'result' in outcome) process.stdout.write(`${JSON.stringify(outcome.result)}\n`);
    else if ('message' in outcome) process.stderr.write(`${outcome.message}\n`);
    return outcome.exitCode;
  } finally {
    await session.close();
  }
}

process.exitCode = await runAdmin(process.argv.slice(2));
