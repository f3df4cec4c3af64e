import { addMember, MEMBERSHIP_LEVELS } from '@insights/gateway/admin';
import type { AdminCommand } from '../command.js';
import { parseOptions, requiredChoice, requiredId } from '../option-values.js';

export const memberAdd: AdminCommand = {
  usage: 'member add --project ID --user ID --level viewer|editor|manager',
  prepare(args) {
    const values = parseOptions(args, {
      project: { type: 'string' },
      user: { type: 'string' },
      level: { type: 'string' },
    });
    const projectId = requiredId(values.project, '--project');
    const userId = requiredId(values.user, '--user');
    const level = requiredChoice(values.level, '--level', MEMBERSHIP_LEVELS);
    return async ({ gatewayDb }) => addMember(await gatewayDb(), { projectId, userId, level });
  },
};
