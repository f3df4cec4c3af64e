import { updateProjectSettings } from '@insights/gateway/admin';
import type { AdminCommand } from '../command.js';
import { parseOptions, requiredId } from '../option-values.js';
import { UsageError } from '../usage-error.js';

/** A project's query settings: `--timezone Europe/Paris`, `--week-start-day 1`, `--test-account-filters '[…]'`. */
export const projectSet: AdminCommand = {
  usage: 'project set --id ID [--timezone TZ] [--week-start-day 0|1] [--test-account-filters JSON]',
  prepare(args) {
    const values = parseOptions(args, {
      id: { type: 'string' },
      timezone: { type: 'string' },
      'week-start-day': { type: 'string' },
      'test-account-filters': { type: 'string' },
    });
    const projectId = requiredId(values.id, '--id');
    const weekStart = values['week-start-day'];
    if (weekStart !== undefined && weekStart !== '0' && weekStart !== '1') {
      throw new UsageError('--week-start-day must be 0 (Sunday) or 1 (Monday)');
    }
    let testAccountFilters: unknown[] | undefined;
    if (values['test-account-filters'] !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(values['test-account-filters']);
      } catch {
        throw new UsageError('--test-account-filters must be a JSON array of property filters');
      }
      if (!Array.isArray(parsed))
        throw new UsageError('--test-account-filters must be a JSON array of property filters');
      testAccountFilters = parsed;
    }
    if (values.timezone === undefined && weekStart === undefined && testAccountFilters === undefined) {
      throw new UsageError('give at least one of --timezone, --week-start-day, --test-account-filters');
    }
    return async ({ gatewayDb }) =>
      updateProjectSettings(await gatewayDb(), {
        projectId,
        ...(values.timezone !== undefined && { timezone: values.timezone }),
        ...(weekStart !== undefined && { weekStartDay: Number(weekStart) }),
        ...(testAccountFilters !== undefined && { testAccountFilters }),
      });
  },
};
