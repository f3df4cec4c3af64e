import type { AdminCommand } from '../command.js';
import { UsageError } from '../usage-error.js';

export const eventsGenerate: AdminCommand = {
  usage: 'events generate --project ID --count N [--days D] [--seed S]',
  prepare() {
    throw new UsageError('events generate comes with the query engine');
  },
};
