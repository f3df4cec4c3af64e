import { createProject } from '@insights/gateway/admin';
import type { AdminCommand } from '../command.js';
import { parseOptions, requiredText } from '../option-values.js';

export const projectCreate: AdminCommand = {
  usage: 'project create --name N [--org ID]',
  prepare(args) {
    const values = parseOptions(args, { name: { type: 'string' }, org: { type: 'string' } });
    const name = requiredText(values.name, '--name');
    const organizationId = values.org === undefined ? undefined : requiredText(values.org, '--org').trim();
    return async ({ gatewayDb }) => createProject(await gatewayDb(), { name, organizationId });
  },
};
