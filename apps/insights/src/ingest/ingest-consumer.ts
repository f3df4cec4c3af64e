import { INGEST_BATCH_TYPE, type IngestBatch } from '@insights/contracts';
import { allIngestSubjects, type EventConsumerDefinition, ingestStreamName } from '@insights/transport';
import { INSIGHTS_SCHEMA } from '../db/database.js';
import { ingestEvents } from './ingest-events.js';

/** The durable consumer's name on the ingest stream; replicas of insights share it and split the messages. */
export const INGEST_CONSUMER = 'ingest';

/**
 * Ingestion: the captured events of many ingest messages are written per project in one transaction (hundreds to
 * thousands of events), and the messages acked after it commits.
 */
export const ingestConsumer: EventConsumerDefinition<IngestBatch> = {
  durable: INGEST_CONSUMER,
  types: '>',
  source: { stream: ingestStreamName, subject: allIngestSubjects },
  // A message holds up to a capture request's events (often ~1,000): a few of them make a transaction of thousands.
  maxBatch: 8,
  schema: INSIGHTS_SCHEMA,
  handle: async (batch, trx) => {
    if (batch.type === INGEST_BATCH_TYPE) await ingestEvents(trx, batch.projectId, batch.events);
  },
  handleBatch: async (batches, trx) => {
    const byProject = new Map<number, IngestBatch['events']>();
    for (const batch of batches) {
      if (batch.type !== INGEST_BATCH_TYPE) continue;
      const events = byProject.get(batch.projectId) ?? [];
      for (const event of batch.events) events.push(event);
      byProject.set(batch.projectId, events);
    }
    // Projects in a fixed order: their ingestion locks are taken in that order by every replica.
    for (const projectId of [...byProject.keys()].sort((a, b) => a - b)) {
      await ingestEvents(trx, projectId, byProject.get(projectId)!);
    }
  },
};
