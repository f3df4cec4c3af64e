import { AUTH_SCHEMA, gatewayMigrations } from '@insights/gateway/admin';
import { COMMANDS, usageText } from './command-table.js';
import type { AdminEnv } from './env.js';
import { describeFailure, EXIT_USAGE } from './failure.js';
import { MigratedDatabases } from './migrated-databases.js';
import { SERVICE_SCHEMAS } from './service-schemas.js';

/** What one admin command ended with: its JSON result, or the one line that says why it failed and the exit status. */
export type AdminOutcome = { exitCode: 0; result: object } | { exitCode: number; message: string };

/**
 * Admin commands against one environment's databases. The CLI runs one command per session; a caller running many
 * (the system tests seed a project with four) keeps the session, and so its connections, between them.
 */
export class AdminSession {
  private readonly databases = new MigratedDatabases();

  /** `env` is read when a command runs, after its arguments are checked: a usage error is reported first. */
  constructor(private readonly env: () => AdminEnv) {}

  /** `<noun> <verb> [options]`. */
  async run(argv: readonly string[]): Promise<AdminOutcome> {
    const [noun, verb, ...args] = argv;
    const command = COMMANDS[`${noun} ${verb}`];
    if (command === undefined) {
      const given = [noun, verb].filter((word) => word !== undefined).join(' ');
      const problem = given === '' ? 'no command given' : `unknown command "${given}"`;
      return { exitCode: EXIT_USAGE, message: `${problem}; ${usageText()}` };
    }
    try {
      const execute = command.prepare(args);
      const { databaseUrls } = this.env();
      const serviceDb = async (service: keyof typeof SERVICE_SCHEMAS) =>
        (await this.databases.open(databaseUrls[service], await SERVICE_SCHEMAS[service]())).db;
      const result = await execute({
        gatewayDb: async () =>
          (
            await this.databases.open(databaseUrls.gateway, {
              schema: AUTH_SCHEMA,
              migrations: gatewayMigrations,
            })
          ).db,
        insightsDb: () => serviceDb('insights'),
        serviceDb,
      });
      return { exitCode: 0, result };
    } catch (error) {
      return describeFailure(error);
    }
  }

  close(): Promise<void> {
    return this.databases.destroy();
  }
}
