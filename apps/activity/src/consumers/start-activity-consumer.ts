import { eventSubject, startDurableConsumer, type TrackedNatsConnection } from '@insights/transport';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { ACTIVITY_SCHEMA } from '../db/database.js';
import { activityEventHandler } from './insight-activity.js';

/** The durable consumer's name on the events stream; replicas share it and split the events. */
export const ACTIVITY_CONSUMER = 'activity';

/**
 * Feeds every insight event of the stream to the activity log, once each, acked after commit. The stream must exist
 * (`ensureEventStream`).
 */
export function startActivityConsumer(options: {
  nc: TrackedNatsConnection['nc'];
  prefix: string;
  db: Kysely<any>;
  log?: Logger;
}) {
  return startDurableConsumer({
    nc: options.nc,
    prefix: options.prefix,
    durable: ACTIVITY_CONSUMER,
    filterSubject: eventSubject(options.prefix, 'insight.>'),
    db: options.db,
    schema: ACTIVITY_SCHEMA,
    handle: activityEventHandler,
    log: options.log,
  });
}
