import type { AdminCommand } from './command.js';
import { accessSet } from './commands/access-set.js';
import { eventsGenerate } from './commands/events-generate.js';
import { eventsReplay } from './commands/events-replay.js';
import { keyCreate } from './commands/key-create.js';
import { memberAdd } from './commands/member-add.js';
import { orgCreate } from './commands/org-create.js';
import { projectCreate } from './commands/project-create.js';
import { projectSet } from './commands/project-set.js';
import { userCreate } from './commands/user-create.js';

/** `<noun> <verb>` → command. */
export const COMMANDS: Readonly<Record<string, AdminCommand>> = {
  'org create': orgCreate,
  'project create': projectCreate,
  'project set': projectSet,
  'user create': userCreate,
  'member add': memberAdd,
  'key create': keyCreate,
  'access set': accessSet,
  'events generate': eventsGenerate,
  'events replay': eventsReplay,
};

/** One line, like every message the CLI writes. */
export function usageText(): string {
  return `usage: admin ${Object.values(COMMANDS)
    .map((command) => command.usage)
    .join(' | ')}`;
}
