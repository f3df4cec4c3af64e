import pg from 'pg';
import type { RunningSystem } from '../support/system.js';

/** The tables events and persons live in; the engine reads all of them. */
const EVENT_TABLES = ['insights.event', 'insights.person', 'insights.person_distinct_id', 'insights.person_override'];

/**
 * Generated traffic for a project, written through ingestion's own writer by `admin events generate` (persons,
 * merges and all), then vacuumed and analyzed: this PostgreSQL may run without autovacuum, and the engine's plans
 * rely on index-only scans (a visibility map) and on statistics. Answers how long the generation took.
 */
export async function generateBenchEvents(
  system: RunningSystem,
  options: { projectId: number; count: number; days: number; seed: string },
): Promise<{ generateMs: number; vacuumMs: number }> {
  const started = performance.now();
  const generated = await system.admin(
    'events',
    'generate',
    '--project',
    String(options.projectId),
    '--count',
    String(options.count),
    '--days',
    String(options.days),
    '--seed',
    options.seed,
  );
  if (generated.inserted !== options.count) {
    throw new Error(`admin events generate inserted ${generated.inserted} events of ${options.count}`);
  }
  const generateMs = performance.now() - started;
  const db = new pg.Client({ connectionString: system.database.url });
  await db.connect();
  try {
    const vacuumStarted = performance.now();
    await db.query(`VACUUM ANALYZE ${EVENT_TABLES.join(', ')}`);
    // The generation's dirty pages go to disk now, not in a checkpoint in the middle of a measurement.
    await db.query('CHECKPOINT');
    return { generateMs, vacuumMs: performance.now() - vacuumStarted };
  } finally {
    await db.end();
  }
}

/** `generateBenchEvents`, announced and reported on the bench's log (with the generation's rate). */
export async function generateBenchEventsLogged(
  system: RunningSystem,
  log: (line: string) => void,
  options: { projectId: number; count: number; days: number },
): Promise<{ generateMs: number; vacuumMs: number }> {
  log(`generating ${options.count} events over ${options.days} days (admin events generate, through ingestion)…`);
  const seeding = await generateBenchEvents(system, { ...options, seed: '1' });
  log(
    `generated in ${(seeding.generateMs / 1000).toFixed(1)} s (${Math.round(options.count / (seeding.generateMs / 1000))} events/s); VACUUM ANALYZE in ${(seeding.vacuumMs / 1000).toFixed(1)} s`,
  );
  return seeding;
}
