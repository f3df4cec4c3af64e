import type { Kysely } from 'kysely';
import { type InsightViews, upsertInsightViewBatch } from './upsert-insight-views.js';

export interface ViewWriter {
  /** Resolves once these views are committed (with whatever else was written in the same statement). */
  write(views: InsightViews): Promise<void>;
}

interface Pending {
  views: InsightViews;
  done: () => void;
  failed: (error: unknown) => void;
}

/**
 * Group commit for `viewed`: the views recorded while a write is in flight wait for it to end and then go to the
 * database together, in one statement and one commit. Alone, a request is written at once; under load, each statement
 * carries many, and no request holds a row lock for longer than its statement. A failed statement fails every request
 * it carried (each answers the error; none is acknowledged unwritten).
 */
export function createViewWriter(db: Kysely<any>): ViewWriter {
  let queue: Pending[] = [];
  let writing = false;

  const drain = async () => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await upsertInsightViewBatch(
          db,
          batch.map((pending) => pending.views),
        );
        for (const pending of batch) pending.done();
      } catch (error) {
        for (const pending of batch) pending.failed(error);
      }
    }
    writing = false;
  };

  return {
    write(views) {
      if (views.insightIds.length === 0) return Promise.resolve();
      return new Promise<void>((done, failed) => {
        queue.push({ views, done, failed });
        if (!writing) void drain();
      });
    },
  };
}
