import { createUser, MEMBERSHIP_LEVELS } from '@insights/gateway/admin';
import type { AdminCommand } from '../command.js';
import { parseOptions, requiredChoice, requiredId, requiredText } from '../option-values.js';
import { UsageError } from '../usage-error.js';

export const userCreate: AdminCommand = {
  usage: 'user create --email E [--first-name F] [--last-name L] [--project ID --level viewer|editor|manager]',
  prepare(args) {
    const values = parseOptions(args, {
      email: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      project: { type: 'string' },
      level: { type: 'string' },
    });
    const email = requiredText(values.email, '--email');
    if ((values.project === undefined) !== (values.level === undefined)) {
      throw new UsageError('--project and --level go together');
    }
    const membership =
      values.project === undefined
        ? undefined
        : {
            projectId: requiredId(values.project, '--project'),
            level: requiredChoice(values.level, '--level', MEMBERSHIP_LEVELS),
          };
    const firstName = values['first-name'];
    const lastName = values['last-name'];
    return async ({ gatewayDb }) => createUser(await gatewayDb(), { email, firstName, lastName, membership });
  },
};
