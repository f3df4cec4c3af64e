import { createPersonalApiKey } from '@insights/gateway/admin';
import { ScopeString } from '@insights/scope-auth';
import type { AdminCommand } from '../command.js';
import { parseIdList, parseList, parseOptions, requiredId, requiredText } from '../option-values.js';
import { UsageError } from '../usage-error.js';

export const keyCreate: AdminCommand = {
  usage: 'key create --user ID --scopes a,b|* [--projects ID,ID] [--orgs ID,ID] [--label L]',
  prepare(args) {
    const values = parseOptions(args, {
      user: { type: 'string' },
      scopes: { type: 'string' },
      projects: { type: 'string' },
      orgs: { type: 'string' },
      label: { type: 'string' },
    });
    const userId = requiredId(values.user, '--user');
    const scopes = parseList(requiredText(values.scopes, '--scopes'), '--scopes');
    for (const scope of scopes) {
      const parsed = ScopeString.safeParse(scope);
      if (!parsed.success) throw new UsageError(`--scopes: "${scope}": ${parsed.error.issues[0]?.message}`);
    }
    const scopedTeams = values.projects === undefined ? undefined : parseIdList(values.projects, '--projects');
    const scopedOrganizations = values.orgs === undefined ? undefined : parseList(values.orgs, '--orgs');
    const label = values.label;
    return async ({ gatewayDb }) =>
      createPersonalApiKey(await gatewayDb(), { userId, scopes, scopedTeams, scopedOrganizations, label });
  },
};
