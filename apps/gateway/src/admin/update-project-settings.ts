import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';
import { AdminError } from './admin-error.js';
import { requireProjects } from './require-existing.js';

export interface ProjectSettingsView {
  id: number;
  name: string;
  timezone: string;
  week_start_day: number;
  test_account_filters: unknown[];
}

/** Whether the runtime knows an IANA time zone name. */
export function isTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Operator action: a project's query settings (timezone, week start, test-account filters); unset ones are kept. */
export async function updateProjectSettings(
  db: Kysely<any>,
  input: { projectId: number; timezone?: string; weekStartDay?: number; testAccountFilters?: unknown[] },
): Promise<ProjectSettingsView> {
  if (input.timezone !== undefined && !isTimezone(input.timezone)) {
    throw new AdminError('INVALID_INPUT', `unknown timezone "${input.timezone}"`);
  }
  if (input.weekStartDay !== undefined && input.weekStartDay !== 0 && input.weekStartDay !== 1) {
    throw new AdminError('INVALID_INPUT', 'week start day must be 0 (Sunday) or 1 (Monday)');
  }
  const gateway = db as Kysely<GatewayDatabase>;
  await requireProjects(gateway, [input.projectId]);
  return gateway
    .updateTable('auth.project')
    .set({
      ...(input.timezone !== undefined && { timezone: input.timezone }),
      ...(input.weekStartDay !== undefined && { week_start_day: input.weekStartDay }),
      ...(input.testAccountFilters !== undefined && { test_account_filters: JSON.stringify(input.testAccountFilters) }),
    })
    .where('id', '=', input.projectId)
    .returning(['id', 'name', 'timezone', 'week_start_day', 'test_account_filters'])
    .executeTakeFirstOrThrow();
}
