import { requireUser } from '@insights/gateway/admin';
import { AccessLevelSchema } from '@insights/scope-auth';
import type { AdminCommand } from '../command.js';
import { parseOptions, requiredChoice, requiredId } from '../option-values.js';

export const accessSet: AdminCommand = {
  usage: 'access set --insight ID --user ID --level none|viewer|editor|manager',
  prepare(args) {
    const values = parseOptions(args, {
      insight: { type: 'string' },
      user: { type: 'string' },
      level: { type: 'string' },
    });
    const insightId = requiredId(values.insight, '--insight');
    const userId = requiredId(values.user, '--user');
    const level = requiredChoice(values.level, '--level', AccessLevelSchema.options);
    return async ({ gatewayDb, insightsDb }) => {
      // Users live in the gateway's auth schema, possibly another database: insights cannot check them itself.
      await requireUser(await gatewayDb(), userId);
      const { setObjectAccess } = await import('@insights/insights');
      return setObjectAccess(await insightsDb(), { insightId, userId, level });
    };
  },
};
