import type { Kysely } from 'kysely';

/** The databases a command may write, each migrated on first use. */
export interface CommandContext {
  gatewayDb(): Promise<Kysely<any>>;
  insightsDb(): Promise<Kysely<any>>;
  /** The database of any service, its schema migrated. */
  serviceDb(service: 'insights' | 'tagging' | 'views' | 'activity'): Promise<Kysely<any>>;
}

export interface AdminCommand {
  usage: string;
  /** Checks the arguments without touching any database, and returns the work to do: one JSON object as result. */
  prepare(args: readonly string[]): (context: CommandContext) => Promise<object>;
}
