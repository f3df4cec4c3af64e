import { AUTH_SCHEMA, gatewayMigrations } from '@insights/gateway/admin';
import { COMMANDS, usageText } from './command-table.js';
import { readAdminEnv } from './env.js';
import { describeFailure, EXIT_USAGE } from './failure.js';
import { MigratedDatabases } from './migrated-databases.js';
import { SERVICE_SCHEMAS } from './service-schemas.js';

/** `admin <noun> <verb> [options]`: one JSON object on stdout, or one line on stderr and a non-zero exit status. */
async function runAdmin(argv: readonly string[]): Promise<number> {
  const [noun, verb, ...args] = argv;
  const command = COMMANDS[`${noun} ${verb}`];
  if (command === undefined) {
    const given = [noun, verb].filter((word) => word !== undefined).join(' ');
    process.stderr.write(`${given === '' ? 'no command given' : `unknown command "${given}"`}; ${usageText()}\n`);
    return EXIT_USAGE;
  }
  const databases = new MigratedDatabases();
  try {
    const execute = command.prepare(args);
    const env = readAdminEnv();
    const serviceDb = async (service: keyof typeof SERVICE_SCHEMAS) =>
      (await databases.open(env.databaseUrls[service], await SERVICE_SCHEMAS[service]())).db;
    const result = await execute({
      gatewayDb: async () =>
        (await databases.open(env.databaseUrls.gateway, { schema: AUTH_SCHEMA, migrations: gatewayMigrations })).db,
      insightsDb: () => serviceDb('insights'),
      serviceDb,
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    const { message, exitCode } = describeFailure(error);
    process.stderr.write(`${message}\n`);
    return exitCode;
  } finally {
    await databases.destroy();
  }
}

process.exitCode = await runAdmin(process.argv.slice(2));
