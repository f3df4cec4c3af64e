import { requireProjects } from '@insights/gateway/admin';
import type { AdminCommand } from '../command.js';
import { DEFAULT_DAYS, generateEvents } from '../generator/generate-events.js';
import { parseId, parseInstant, parseOptions, requiredText } from '../option-values.js';
import { UsageError } from '../usage-error.js';
import { progressBar } from './progress-bar.js';

const HOUR_MS = 3_600_000;

function positiveInteger(value: string, flag: string): number {
  const number = /^[1-9][0-9]*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) throw new UsageError(`${flag} must be a positive integer (got "${value}")`);
  return number;
}

/**
 * Realistic traffic for a project, written through ingestion's own writer (persons, merges and all), batch by batch.
 * The window ends at `--until`, by default the start of the current hour, so the same seed gives the same events (uuids
 * included) all hour long, and always with the same `--until`: running it twice stores nothing twice.
 */
export const eventsGenerate: AdminCommand = {
  usage: 'events generate --project ID --count N [--days D] [--seed S] [--until INSTANT]',
  prepare(args) {
    const values = parseOptions(args, {
      project: { type: 'string' },
      count: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      until: { type: 'string' },
    });
    const projectId = parseId(requiredText(values.project, '--project'), '--project');
    const count = positiveInteger(requiredText(values.count, '--count'), '--count');
    const days = values.days === undefined ? DEFAULT_DAYS : positiveInteger(values.days, '--days');
    const seed = values.seed ?? '1';
    const now =
      values.until === undefined
        ? new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS)
        : parseInstant(values.until, '--until');
    return async ({ gatewayDb, serviceDb }) => {
      await requireProjects(await gatewayDb(), [projectId]);
      const db = await serviceDb('insights');
      const { ingestEvents } = await import('@insights/insights');
      const { transactionWithRetry } = await import('@insights/db');
      const progress = progressBar(count, process.stderr);
      let inserted = 0;
      for (const batch of generateEvents({ count, days, seed, now })) {
        await transactionWithRetry(db, (trx) => ingestEvents(trx, projectId, batch));
        inserted += batch.length;
        progress.update(inserted);
      }
      progress.done();
      return { inserted };
    };
  },
};
