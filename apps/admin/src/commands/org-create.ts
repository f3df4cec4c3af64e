import { createOrganization } from '@insights/gateway/admin';
import type { AdminCommand } from '../command.js';
import { parseOptions, requiredText } from '../option-values.js';

export const orgCreate: AdminCommand = {
  usage: 'org create --name N [--ai-approved]',
  prepare(args) {
    const values = parseOptions(args, { name: { type: 'string' }, 'ai-approved': { type: 'boolean' } });
    const name = requiredText(values.name, '--name');
    const aiApproved = values['ai-approved'] ?? false;
    return async ({ gatewayDb }) => createOrganization(await gatewayDb(), { name, aiApproved });
  },
};
